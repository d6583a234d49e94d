//! The packs on this device: those built into the app and those the
//! patient installed (from a file or a link), stored as one JSON value
//! beside the journal. An installed pack with the id of a built-in one
//! takes its place.

use crate::core::pack::{self, Pack, Problem, Severity};
use serde::{Deserialize, Serialize};

/// A pack the patient installed, with when it arrived. `installed_at`
/// survives updates: the progression stages count weeks from it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Installed {
    pub pack: Pack,
    pub installed_at: u64,
    pub updated_at: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Library {
    pub packs: Vec<Installed>,
}

/// What installing a pack would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Offer {
    New,
    /// Replaces version `from`.
    Newer {
        from: String,
    },
    /// This version (or a later one, `installed`) is already here.
    AlreadyHere {
        installed: String,
    },
}

impl Library {
    pub fn decode(text: &str) -> Result<Library, serde_json::Error> {
        serde_json::from_str(text)
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn installed(&self, id: &str) -> Option<&Installed> {
        self.packs.iter().find(|i| i.pack.id == id)
    }

    /// Every pack the patient can use: the built-in ones (unless an
    /// installed pack has their id), then the installed ones, each with
    /// whether it was installed.
    pub fn all(&self, bundled: &[Pack]) -> Vec<(Pack, bool)> {
        let built_in = bundled
            .iter()
            .filter(|b| self.installed(&b.id).is_none())
            .map(|b| (b.clone(), false));
        built_in
            .chain(self.packs.iter().map(|i| (i.pack.clone(), true)))
            .collect()
    }

    /// The pack with this id, or the first one when it is gone.
    pub fn active(&self, bundled: &[Pack], id: Option<&str>) -> Option<Pack> {
        let all = self.all(bundled);
        let chosen = id.and_then(|id| all.iter().find(|(p, _)| p.id == id));
        chosen.or(all.first()).map(|(p, _)| p.clone())
    }

    pub fn offer(&self, bundled: &[Pack], pack: &Pack) -> Offer {
        let all = self.all(bundled);
        match all.iter().find(|(p, _)| p.id == pack.id) {
            None => Offer::New,
            Some((here, _)) if pack.is_newer_than(here) => Offer::Newer {
                from: here.version.clone(),
            },
            Some((here, _)) => Offer::AlreadyHere {
                installed: here.version.clone(),
            },
        }
    }

    /// Adds the pack, or replaces the one with its id (keeping when it was
    /// first installed).
    pub fn install(&mut self, pack: Pack, now: u64) {
        match self.packs.iter_mut().find(|i| i.pack.id == pack.id) {
            Some(i) => {
                i.pack = pack;
                i.updated_at = now;
            }
            None => self.packs.push(Installed {
                pack,
                installed_at: now,
                updated_at: now,
            }),
        }
    }

    pub fn remove(&mut self, id: &str) {
        self.packs.retain(|i| i.pack.id != id);
    }

    /// Packs from a backup, each checked as a pack file is: one with a
    /// problem is refused, one new to this phone is installed as it was
    /// (its install date no later than `now`), and one that would replace
    /// a pack here (built in or installed) is only offered, for the patient
    /// to see and confirm as with a link.
    pub fn merge(&mut self, bundled: &[Pack], from: &[Installed], now: u64) -> FromBackup {
        let mut done = FromBackup::default();
        for i in from {
            let pack = match checked(&i.pack) {
                Ok(pack) => pack,
                Err(problems) => {
                    done.refused.push(RefusedPack {
                        title: i.pack.title.clone(),
                        problems,
                    });
                    continue;
                }
            };
            match self.offer(bundled, &pack) {
                Offer::New => {
                    self.packs.push(Installed {
                        pack,
                        installed_at: i.installed_at.min(now),
                        updated_at: i.updated_at.min(now),
                    });
                    done.installed += 1;
                }
                Offer::Newer { .. } => done.offered.push(pack),
                Offer::AlreadyHere { .. } => {}
            }
        }
        done
    }
}

/// What a backup's packs came to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FromBackup {
    /// Packs new to this phone, installed.
    pub installed: usize,
    /// Packs that would replace one here: installed only if the patient
    /// confirms.
    pub offered: Vec<Pack>,
    pub refused: Vec<RefusedPack>,
}

/// A pack from a backup that fails the checks a pack file must pass.
#[derive(Clone, Debug, PartialEq)]
pub struct RefusedPack {
    pub title: String,
    /// Each problem as `field: error: message`.
    pub problems: Vec<String>,
}

/// A pack that arrived as data (a backup) rather than as TOML, checked as
/// its TOML would be: the same rules and messages as a pack file. The
/// format cannot carry what no pack file could, so a pack that does not
/// come back the same from its TOML is damaged.
fn checked(pack: &Pack) -> Result<Pack, Vec<String>> {
    match pack::parse(&pack::print(pack)) {
        Ok((parsed, _)) if parsed == *pack => Ok(parsed),
        Ok(_) => Err(vec![
            "pack: error: this pack's data is damaged (it is not what a pack file can hold)".into(),
        ]),
        Err(problems) => Err(problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(Problem::render_path)
            .collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::{FromBackup, Installed, Library, Offer};
    use crate::core::bundled::bundled_packs;
    use crate::core::pack::Pack;

    #[test]
    fn a_newer_version_replaces_and_keeps_when_it_was_installed() {
        let bundled = bundled_packs();
        let mut lib = Library::default();
        let mut custom = bundled[0].clone();
        custom.id = "my-clinic".into();
        custom.version = "1.0.0".into();
        assert_eq!(lib.offer(&bundled, &custom), Offer::New);
        lib.install(custom.clone(), 100);
        let mut newer = custom.clone();
        newer.version = "1.1.0".into();
        assert_eq!(
            lib.offer(&bundled, &newer),
            Offer::Newer {
                from: "1.0.0".into()
            }
        );
        assert_eq!(
            lib.offer(&bundled, &custom),
            Offer::AlreadyHere {
                installed: "1.0.0".into()
            }
        );
        lib.install(newer.clone(), 200);
        let here = lib.installed("my-clinic").unwrap();
        assert_eq!((here.installed_at, here.updated_at), (100, 200));
        assert_eq!(here.pack, newer);
        assert_eq!(lib.all(&bundled).len(), bundled.len() + 1);
        assert_eq!(lib.active(&bundled, Some("my-clinic")), Some(newer));
        lib.remove("my-clinic");
        assert_eq!(
            lib.active(&bundled, Some("my-clinic")),
            Some(bundled[0].clone())
        );
    }

    #[test]
    fn an_installed_pack_takes_the_place_of_the_built_in_one_with_its_id() {
        let bundled = bundled_packs();
        let mut lib = Library::default();
        let mut newer = bundled[1].clone();
        newer.version = "2.0.0".into();
        lib.install(newer.clone(), 1);
        let all = lib.all(&bundled);
        assert_eq!(all.len(), bundled.len());
        assert!(all.contains(&(newer, true)));
    }

    #[test]
    fn a_backups_packs_are_checked_new_ones_installed_and_replacements_only_offered() {
        let bundled = bundled_packs();
        let mut custom = bundled[0].clone();
        custom.id = "my-clinic".into();
        let mut newer = bundled[1].clone();
        newer.version = "2.0.0".into();
        let mut broken = bundled[1].clone();
        broken.version = "9".into();
        broken.exercises[0].steps.clear();
        broken.routines[0].items[0].sets = u32::MAX;
        let at = |pack: &Pack, t| Installed {
            pack: pack.clone(),
            installed_at: t,
            updated_at: t,
        };
        let from = [at(&custom, u64::MAX), at(&newer, 5), at(&broken, 5)];
        let mut lib = Library::default();
        let done = lib.merge(&bundled, &from, 1_000);
        assert_eq!(done.installed, 1);
        assert_eq!(lib.installed("my-clinic"), Some(&at(&custom, 1_000)));
        assert_eq!(done.offered, vec![newer]);
        assert_eq!(lib.installed(&bundled[1].id), None);
        assert_eq!(done.refused.len(), 1);
        assert_eq!(done.refused[0].title, broken.title);
        let problems = done.refused[0].problems.join("\n");
        assert!(problems.contains("steps"), "{problems}");
        assert!(problems.contains("sets"), "{problems}");
        // Again: nothing twice.
        let again = lib.merge(&bundled, &from[..1], 2_000);
        assert_eq!(again, FromBackup::default());
    }
}
