//! What the rules keep per municipality: the description and the adapted forms of its
//! active plugin version. A version never changes, so entries need no expiry; when a
//! municipality's questions arrive from another version (after an activation or a
//! rollback), everything kept for the previous one is dropped.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use super::forms::Effective;
use super::{Description, Ruling};
use crate::db::Id;
use crate::plugins::FormKind;

#[derive(Default)]
pub struct Cache {
    municipalities: Mutex<HashMap<Id, Kept>>,
}

/// What is kept for one municipality's version.
struct Kept {
    version: Id,
    description: Option<Ruling<Arc<Description>>>,
    forms: HashMap<usize, Effective>,
}

impl Cache {
    pub fn description(&self, municipality: Id, version: Id) -> Option<Ruling<Arc<Description>>> {
        let kept = self.lock();
        let kept = kept.get(&municipality).filter(|k| k.version == version)?;
        kept.description.clone()
    }

    pub fn keep_description(
        &self,
        municipality: Id,
        version: Id,
        ruling: &Ruling<Arc<Description>>,
    ) {
        self.with(municipality, version, |kept| {
            kept.description = Some(ruling.clone())
        });
    }

    pub fn form(&self, municipality: Id, version: Id, kind: FormKind) -> Option<Effective> {
        let kept = self.lock();
        let kept = kept.get(&municipality).filter(|k| k.version == version)?;
        kept.forms.get(&kind.index()).cloned()
    }

    pub fn keep_form(&self, municipality: Id, version: Id, kind: FormKind, form: &Effective) {
        self.with(municipality, version, |kept| {
            kept.forms.insert(kind.index(), form.clone());
        });
    }

    fn with(&self, municipality: Id, version: Id, change: impl FnOnce(&mut Kept)) {
        let mut all = self.lock();
        let kept = all
            .entry(municipality)
            .or_insert_with(|| Kept::new(version));
        if kept.version != version {
            *kept = Kept::new(version);
        }
        change(kept);
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<Id, Kept>> {
        self.municipalities
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Kept {
    fn new(version: Id) -> Kept {
        Kept {
            version,
            description: None,
            forms: HashMap::new(),
        }
    }
}
