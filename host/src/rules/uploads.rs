//! Uploads in flight: one per municipality at a time, so the host's line for compiling
//! (`Limits::compiles_at_once`, first come first served) holds at most one upload of each
//! municipality and nobody waits behind all of another municipality's uploads.
//!
//! Why refuse instead of queueing per municipality: a coordinator uploads one plugin at a
//! time, so a second, different upload while one is being checked is a script or a mistake;
//! refusing it at once (429) keeps no request bodies waiting in memory and bounds a
//! municipality's wait by the number of *other* municipalities compiling, each at most one
//! deadline. An identical upload (same bytes) is no conflict: it waits for the one in flight
//! and then gets that one's answer — 409 from the duplicate check once it is stored, or the
//! same refusal when the component did not load (compiling the same bytes again would only
//! repeat it).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::watch;

use crate::db::Id;
use crate::plugins::LoadError;

/// Why an upload may not start now.
#[derive(Debug)]
pub enum NotNow {
    /// Another upload of the municipality is in flight.
    Busy,
    /// The same bytes were just refused by the upload in flight.
    Refused(LoadError),
}

/// The uploads in flight, by municipality.
#[derive(Clone, Default)]
pub struct Uploads {
    flights: Arc<Mutex<HashMap<Id, Flight>>>,
}

struct Flight {
    sha256: String,
    /// Carries the refusal of the upload in flight; closed when it ends.
    outcome: watch::Receiver<Option<LoadError>>,
}

/// The municipality's turn to upload, held until the upload has been recorded or refused —
/// also by a compilation that outlives the request it served. Cheap to clone; the turn ends
/// when the last clone is dropped.
#[derive(Clone)]
pub struct UploadTurn(Arc<Held>);

struct Held {
    flights: Arc<Mutex<HashMap<Id, Flight>>>,
    municipality: Id,
    outcome: watch::Sender<Option<LoadError>>,
}

impl Uploads {
    /// Takes the municipality's turn for an upload of `sha256`, waiting for an identical
    /// upload in flight to end first.
    pub async fn turn(&self, municipality: Id, sha256: &str) -> Result<UploadTurn, NotNow> {
        loop {
            let mut outcome = {
                let mut flights = lock(&self.flights);
                match flights.get(&municipality) {
                    None => {
                        let (sender, receiver) = watch::channel(None);
                        let flight = Flight {
                            sha256: sha256.to_owned(),
                            outcome: receiver,
                        };
                        flights.insert(municipality, flight);
                        return Ok(UploadTurn(Arc::new(Held {
                            flights: self.flights.clone(),
                            municipality,
                            outcome: sender,
                        })));
                    }
                    Some(flight) if flight.sha256 == sha256 => flight.outcome.clone(),
                    Some(_) => return Err(NotNow::Busy),
                }
            };
            // Wakes with the refusal, or when the upload in flight ended (closed): try again.
            let _ = outcome.changed().await;
            if let Some(error) = outcome.borrow().clone() {
                return Err(NotNow::Refused(error));
            }
        }
    }
}

impl UploadTurn {
    /// Tells identical uploads waiting for this one that its component does not load.
    pub fn refused(&self, error: &LoadError) {
        self.0.outcome.send_replace(Some(error.clone()));
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        lock(&self.flights).remove(&self.municipality);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::time::Duration;

    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
    }

    #[test]
    fn a_different_upload_of_the_same_municipality_is_refused_while_one_is_in_flight() {
        runtime().block_on(async {
            let uploads = Uploads::default();
            let (a, b) = (Id::new(), Id::new());
            let turn = uploads.turn(a, "eins").await.unwrap();
            assert!(matches!(uploads.turn(a, "zwei").await, Err(NotNow::Busy)));
            // Another municipality is not affected.
            uploads.turn(b, "zwei").await.unwrap();
            drop(turn);
            uploads.turn(a, "zwei").await.unwrap();
        });
    }

    #[test]
    fn an_identical_upload_waits_for_the_one_in_flight_and_then_takes_its_turn() {
        runtime().block_on(async {
            let uploads = Uploads::default();
            let a = Id::new();
            let turn = uploads.turn(a, "eins").await.unwrap();
            let waiting = uploads.turn(a, "eins");
            tokio::pin!(waiting);
            let early = tokio::time::timeout(Duration::from_millis(20), &mut waiting).await;
            assert!(early.is_err(), "it waits while the first is in flight");
            // A clone held by the blocking work keeps the turn.
            let held = turn.clone();
            drop(turn);
            let still = tokio::time::timeout(Duration::from_millis(20), &mut waiting).await;
            assert!(still.is_err(), "the turn ends with its last clone");
            drop(held);
            waiting.await.unwrap();
        });
    }

    #[test]
    fn an_identical_upload_gets_the_refusal_of_the_one_in_flight() {
        runtime().block_on(async {
            let uploads = Uploads::default();
            let a = Id::new();
            let turn = uploads.turn(a, "eins").await.unwrap();
            let waiting = tokio::spawn({
                let uploads = uploads.clone();
                async move { uploads.turn(a, "eins").await }
            });
            tokio::time::sleep(Duration::from_millis(20)).await;
            turn.refused(&LoadError::CompileTimeout);
            drop(turn);
            let outcome = waiting.await.unwrap();
            assert!(
                matches!(outcome, Err(NotNow::Refused(LoadError::CompileTimeout))),
                "{:?}",
                outcome.err()
            );
        });
    }
}
