//! The five QM models of the Hessian guideline (chapter "Modelle von Quartiersmanagement in
//! Hessen") and who holds each column of the task matrix under them.
//!
//! | model | Steuerung | Planung | Gemeinwesenarbeit | counts as QM |
//! |---|---|---|---|---|
//! | 1 `kommune` | Kommune | Kommune | Träger des Stadtteilbüros | GWA only |
//! | 2 `staedtische_gesellschaft` | städtische Gesellschaft | städtische Gesellschaft | Träger des Stadtteilbüros | GWA only |
//! | 3 `externe_beauftragte` | externe Beauftragte | externe Beauftragte | Träger des Stadtteilbüros | GWA only |
//! | 4 `tandem` | Kommune (or the planning partner, "ggf. auch Steuerung") | Planungsbüro | Träger des Stadtteilbüros | Planung and GWA (and Steuerung if held by the tandem) |
//! | 5 `ein_traeger` | one contractor | the same | the same | all |

use quartier_plugin_sdk::Error;

pub use quartier_plugin_sdk::matrix::Column;

/// One of the guideline's five models.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QmModel {
    /// Model 1: the Kommune steers and plans; QM is the Stadtteilbüro.
    Kommune,
    /// Model 2: a municipal company steers and plans in the Kommune's place.
    StaedtischeGesellschaft,
    /// Model 3: external contractors (planning offices, Sanierungsträger) steer and plan.
    ExterneBeauftragte,
    /// Model 4: a tandem of a social organisation and a planning office; with `steuerung`,
    /// the planning partner also steers ("ggf. auch Steuerung").
    Tandem {
        /// Whether the tandem also holds Steuerung.
        steuerung: bool,
    },
    /// Model 5: one contractor covers Steuerung, Planung and Bewohnerbeteiligung.
    EinTraeger,
}

/// Actor keys (task-matrix.schema.json `cell.actor`).
pub mod actor {
    /// The municipality's administration.
    pub const KOMMUNE: &str = "kommune";
    /// A municipal company (Stadtentwicklungsgesellschaft).
    pub const STAEDTISCHE_GESELLSCHAFT: &str = "staedtische_gesellschaft";
    /// A planning office or Sanierungsträger commissioned permanently.
    pub const EXTERNER_BEAUFTRAGTER: &str = "externer_beauftragter";
    /// The planning partner of a tandem.
    pub const PLANUNGSBUERO: &str = "planungsbuero";
    /// The social organisation running the Stadtteilbüro.
    pub const TRAEGER_STADTTEILBUERO: &str = "traeger_stadtteilbuero";
    /// The one contractor of model 5.
    pub const TRAEGER_QUARTIERSMANAGEMENT: &str = "traeger_quartiersmanagement";
}

impl QmModel {
    /// The guideline's number.
    pub fn number(self) -> u8 {
        match self {
            QmModel::Kommune => 1,
            QmModel::StaedtischeGesellschaft => 2,
            QmModel::ExterneBeauftragte => 3,
            QmModel::Tandem { .. } => 4,
            QmModel::EinTraeger => 5,
        }
    }

    /// The key used in `describe` and in the task matrix's `qm_model`.
    pub fn key(self) -> &'static str {
        match self {
            QmModel::Kommune => "kommune",
            QmModel::StaedtischeGesellschaft => "staedtische_gesellschaft",
            QmModel::ExterneBeauftragte => "externe_beauftragte",
            QmModel::Tandem { steuerung: false } => "tandem",
            QmModel::Tandem { steuerung: true } => "tandem_mit_steuerung",
            QmModel::EinTraeger => "ein_traeger",
        }
    }

    /// Every model, in the guideline's order.
    pub const ALL: [QmModel; 6] = [
        QmModel::Kommune,
        QmModel::StaedtischeGesellschaft,
        QmModel::ExterneBeauftragte,
        QmModel::Tandem { steuerung: false },
        QmModel::Tandem { steuerung: true },
        QmModel::EinTraeger,
    ];

    /// The model a matrix's `qm_model` key names (see [`QmModel::key`]); an error for a key
    /// the guideline does not have.
    pub fn from_key(key: &str) -> Result<QmModel, Error> {
        QmModel::ALL
            .into_iter()
            .find(|model| model.key() == key)
            .ok_or_else(|| {
                Error::new(
                    "qm-modell-unbekannt",
                    format!(
                        "Die Kommune hat das QM-Modell „{key}“; der hessische Leitfaden kennt \
                         kommune, staedtische_gesellschaft, externe_beauftragte, tandem, \
                         tandem_mit_steuerung und ein_traeger."
                    ),
                )
            })
    }

    /// The marker naming this model in a matrix's `source`, e.g. `Modell 4 mit Steuerung`.
    pub fn marker(self) -> String {
        match self {
            QmModel::Tandem { steuerung: true } => "Modell 4 mit Steuerung".to_owned(),
            other => format!("Modell {}", other.number()),
        }
    }

    /// How people read the assignment.
    pub fn description(self) -> &'static str {
        match self {
            QmModel::Kommune => {
                "Steuerung und Planung bei der Kommune, Gemeinwesenarbeit beim Träger des \
                 Stadtteilbüros; als Quartiersmanagement zählt die Gemeinwesenarbeit."
            }
            QmModel::StaedtischeGesellschaft => {
                "Steuerung und Planung bei einer städtischen Gesellschaft an Stelle der Kommune, \
                 Gemeinwesenarbeit beim Träger des Stadtteilbüros; als Quartiersmanagement zählt \
                 die Gemeinwesenarbeit."
            }
            QmModel::ExterneBeauftragte => {
                "Steuerung und Planung dauerhaft bei externen Beauftragten (Planungsbüro, \
                 Sanierungsträger), Gemeinwesenarbeit beim Träger des Stadtteilbüros; als \
                 Quartiersmanagement zählt die Gemeinwesenarbeit."
            }
            QmModel::Tandem { steuerung: false } => {
                "Tandem: Planung beim Planungsbüro, Gemeinwesenarbeit beim Träger des \
                 Stadtteilbüros, beide als Quartiersmanagement; Steuerung bei der Kommune."
            }
            QmModel::Tandem { steuerung: true } => {
                "Tandem: Steuerung und Planung beim Planungsbüro, Gemeinwesenarbeit beim Träger \
                 des Stadtteilbüros, alles als Quartiersmanagement."
            }
            QmModel::EinTraeger => {
                "Steuerung, Planung und Gemeinwesenarbeit bei einem Beauftragten, alles als \
                 Quartiersmanagement."
            }
        }
    }

    /// Who holds a column under this model and whether it counts as QM.
    pub fn holder(self, column: Column) -> (&'static str, bool) {
        use Column::{Gemeinwesenarbeit, Planung, Steuerung};
        match (self, column) {
            (QmModel::EinTraeger, _) => (actor::TRAEGER_QUARTIERSMANAGEMENT, true),
            (_, Gemeinwesenarbeit) => (actor::TRAEGER_STADTTEILBUERO, true),
            (QmModel::Kommune, _) => (actor::KOMMUNE, false),
            (QmModel::StaedtischeGesellschaft, _) => (actor::STAEDTISCHE_GESELLSCHAFT, false),
            (QmModel::ExterneBeauftragte, _) => (actor::EXTERNER_BEAUFTRAGTER, false),
            (QmModel::Tandem { .. }, Planung) => (actor::PLANUNGSBUERO, true),
            (QmModel::Tandem { steuerung: true }, Steuerung) => (actor::PLANUNGSBUERO, true),
            (QmModel::Tandem { steuerung: false }, Steuerung) => (actor::KOMMUNE, false),
        }
    }

    /// The model a matrix's `source` names: the first `Modell N` (N from 1 to 5; `Modell 4
    /// mit Steuerung` for the tandem that also steers). `None` when it names none; an error
    /// when it names a model the guideline does not have.
    ///
    /// Read only when the matrix has no `qm_model`: older hosts stated the assignment in
    /// `source` ("Woher die Matrix stammt").
    pub fn from_source(source: &str) -> Option<Result<QmModel, Error>> {
        let (_, rest) = source.split_once("Modell ")?;
        let digit = rest.chars().next().filter(char::is_ascii_digit)?;
        Some(match digit {
            '1' => Ok(QmModel::Kommune),
            '2' => Ok(QmModel::StaedtischeGesellschaft),
            '3' => Ok(QmModel::ExterneBeauftragte),
            '4' => Ok(QmModel::Tandem {
                steuerung: rest[1..].starts_with(" mit Steuerung"),
            }),
            '5' => Ok(QmModel::EinTraeger),
            other => Err(Error::new(
                "qm-modell-unbekannt",
                format!(
                    "Die Aufgabenmatrix nennt „Modell {other}“; der hessische Leitfaden kennt \
                     die Modelle 1 bis 5."
                ),
            )),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_names_the_model() {
        let model = |s: &str| QmModel::from_source(s).map(|r| r.map_err(|e| e.code));
        assert_eq!(
            model("Zuordnung nach Modell 1: …"),
            Some(Ok(QmModel::Kommune))
        );
        assert_eq!(
            model("Modell 4 mit Steuerung"),
            Some(Ok(QmModel::Tandem { steuerung: true }))
        );
        assert_eq!(
            model("Modell 4"),
            Some(Ok(QmModel::Tandem { steuerung: false }))
        );
        assert_eq!(model("Modelle im Vergleich"), None);
        assert_eq!(
            model("Modell 7"),
            Some(Err("qm-modell-unbekannt".to_owned()))
        );
    }

    #[test]
    fn every_marker_and_key_reads_back_as_its_model() {
        for model in QmModel::ALL {
            assert_eq!(
                QmModel::from_source(&model.marker()).map(|r| r.ok()),
                Some(Some(model))
            );
            assert_eq!(QmModel::from_key(model.key()).ok(), Some(model));
        }
        assert_eq!(
            QmModel::from_key("modell_7").map_err(|e| e.code),
            Err("qm-modell-unbekannt".to_owned())
        );
    }
}
