//! The monitoring's series: one `YearFigures` per calendar year of the period, filled by the
//! sections from the rows their queries return for each year's window.

use std::collections::BTreeMap;

use quartier_documents::dataset::YearFigures;

use super::frame::Frame;

/// The years of the period being filled; empty unless the dataset has a series.
pub struct Years(BTreeMap<i64, YearFigures>);

impl Years {
    /// A zeroed entry per calendar year of `frame` when `series`, else none.
    pub fn new(frame: &Frame, series: bool) -> Years {
        let (first, last) = frame.years();
        let years = (first..=last)
            .filter(|_| series)
            .filter_map(|year| {
                let year32 = i32::try_from(year).ok()?;
                Some((
                    year,
                    YearFigures {
                        year: year32,
                        ..YearFigures::default()
                    },
                ))
            })
            .collect();
        Years(years)
    }

    /// The figures of the window `w`, when it is one of the years.
    pub fn get(&mut self, w: i64) -> Option<&mut YearFigures> {
        self.0.get_mut(&w)
    }

    /// The series, oldest year first.
    pub fn into_list(self) -> Vec<YearFigures> {
        self.0.into_values().collect()
    }
}
