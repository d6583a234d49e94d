//! The app model driven like the browser drives it, over an in-memory
//! store, through whole days: first run, the weekly check, sessions with
//! check-ins, a stop for the day, storage full then freed, reloads, two
//! tabs, delete all.

use centralise::core::app::{Input, Model, Notice, Page};
use centralise::core::gate::StartGate;
use centralise::core::journal::{KeyValue, keys, units};
use centralise::core::session::{Event, Phase};
use centralise::core::settings::Settings;
use centralise::core::symptoms::{Answers, Level};
use centralise::core::time::Now;

mod device;
use device::{DAY, Device, MIN, T0, Tab, first_run, set_up};

fn thigh() -> Answers {
    Answers::new(Level::Thigh, Level::None, 5, 3)
}

fn calf() -> Answers {
    Answers::new(Level::BelowKnee, Level::None, 5, 3)
}

fn check_in(a: Answers) -> Event {
    Event::CheckIn(a, None)
}

/// Runs the session until its next check-in (or its end).
fn until_check_in(device: &mut Device, page: &mut Tab) {
    for _ in 0..3_600 {
        match page.phase() {
            Some(Phase::CheckIn { .. } | Phase::Finished { .. }) | None => return,
            _ => page.wait(device, 1_000),
        }
    }
    panic!("no check-in came");
}

#[test]
fn a_first_day_the_check_a_session_and_a_reload_keep_everything() {
    let mut device = Device::new();
    let mut page = device.open(T0, "tab1");
    assert_eq!(page.model.start_gate(T0.wall), StartGate::CheckDue);
    // Start before the weekly check: the check comes first.
    page.start(&mut device, "core");
    assert_eq!(page.shown.last(), Some(&Page::WarningSigns));
    assert_eq!(page.model.pending_start(), Some("core"));
    assert!(page.model.session().is_none());
    first_run(&mut device, &mut page);
    // The clean check started the waiting routine.
    assert_eq!(page.shown.last(), Some(&Page::Session));
    assert_eq!(page.phase(), Some(Phase::Baseline));
    assert!(page.screen_on);
    page.session(&mut device, check_in(calf()));
    until_check_in(&mut device, &mut page);
    page.session(&mut device, check_in(thigh()));
    assert!(
        page.said
            .iter()
            .any(|s| s.starts_with("Get ready: Tummy bracing"))
    );
    let stored = page.records();
    assert!(
        stored >= 5,
        "check, start, baseline, set, check-in: {stored}"
    );
    // The tab closes mid-session; a new page finds everything, once.
    let mut again = device.open(page.now.plus(MIN), "tab2");
    assert_eq!(again.records(), stored);
    assert!(matches!(again.phase(), Some(Phase::Interrupted { .. })));
    again.session(&mut device, Event::Continue);
    assert!(matches!(
        again.phase(),
        Some(Phase::Rest { .. } | Phase::GetReady { .. })
    ));
    again.session(&mut device, Event::End);
    again.input(&mut device, Input::CloseSummary);
    assert_eq!(again.shown.last(), Some(&Page::Home));
    assert!(!again.screen_on);
    let third = device.open(again.now, "tab3");
    assert_eq!(third.records(), again.records());
    assert!(third.model.session().is_none());
    assert!(
        third.model.notices().is_empty(),
        "{:?}",
        third.model.notices()
    );
}

#[test]
fn a_stop_holds_the_session_and_the_exercise_stays_stopped_after_a_reload() {
    let (mut device, mut page) = set_up();
    page.start(&mut device, "core");
    page.session(&mut device, check_in(thigh()));
    until_check_in(&mut device, &mut page);
    page.session(&mut device, check_in(calf()));
    assert_eq!(page.phase(), Some(Phase::Held { set: Some(0) }));
    assert!(
        page.said
            .last()
            .unwrap()
            .contains("moved further down your leg")
    );
    let mut again = device.open(page.now.plus(MIN), "tab2");
    assert_eq!(
        again.phase(),
        Some(Phase::Held { set: Some(0) }),
        "still held"
    );
    assert_eq!(
        again.model.stopped_today(again.now.wall).exercises,
        ["abdominal-bracing"]
    );
    again.session(&mut device, Event::Acknowledge);
    again.session(&mut device, Event::End);
    // Tomorrow it is allowed again.
    let tomorrow = device.open(again.now.plus(DAY), "tab3");
    assert!(
        tomorrow
            .model
            .stopped_today(tomorrow.now.wall)
            .exercises
            .is_empty()
    );
}

#[test]
fn an_urgent_weekly_answer_does_not_start_the_waiting_routine() {
    let mut device = Device::new();
    let mut page = device.open(T0, "tab1");
    page.start(&mut device, "core");
    page.input(
        &mut device,
        Input::WarningCheck {
            yes: vec!["weaker-foot".into()],
        },
    );
    assert!(page.model.session().is_none());
    assert!(matches!(
        page.model.start_gate(page.now.wall),
        StartGate::UrgentUnread { .. }
    ));
    page.input(
        &mut device,
        Input::Acknowledge {
            what: "urgent".into(),
        },
    );
    assert_eq!(page.model.start_gate(page.now.wall), StartGate::Open);
    page.start(&mut device, "core");
    assert_eq!(page.phase(), Some(Phase::Baseline));
}

#[test]
fn an_emergency_answer_ends_the_session_and_blocks_starts() {
    let (mut device, mut page) = set_up();
    page.start(&mut device, "core");
    page.input(
        &mut device,
        Input::WarningCheck {
            yes: vec!["bladder-bowel".into()],
        },
    );
    assert!(page.model.emergency());
    assert!(matches!(page.phase(), Some(Phase::Finished { .. })));
    page.input(&mut device, Input::CloseEmergency);
    page.input(&mut device, Input::CloseSummary);
    page.start(&mut device, "core");
    assert!(page.model.session().is_none());
    assert_eq!(page.shown.last(), Some(&Page::WarningSigns));
}

#[test]
fn storage_full_keeps_records_in_memory_until_there_is_room() {
    let (mut device, mut page) = set_up();
    let used: usize = device
        .kv
        .map
        .iter()
        .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
        .sum();
    device.kv.quota = Some(used);
    for _ in 0..5 {
        page.input(
            &mut device,
            Input::Acknowledge {
                what: "review".into(),
            },
        );
    }
    assert!(page.model.notices().contains(&Notice::Full));
    assert!(page.model.offers_backup());
    assert_eq!(page.model.unsaved().count(), 5);
    // Storage frees up (another tab deleted something): all is stored.
    device.kv.quota = None;
    page.input(
        &mut device,
        Input::StorageChanged {
            key: Some("centralise:quarantine:0".into()),
            value: None,
        },
    );
    assert_eq!(page.model.unsaved().count(), 0);
    assert!(!page.model.notices().contains(&Notice::Full));
    assert!(page.model.notices().contains(&Notice::RoomAgain));
    let reloaded = device.open(page.now, "tab2");
    assert_eq!(reloaded.records(), page.records());
}

#[test]
fn two_tabs_see_each_others_records_and_settings() {
    let mut device = Device::new();
    let mut one = device.open(T0, "tab1");
    let mut two = device.open(T0, "tab2");
    first_run(&mut device, &mut one);
    // The browser tells the other tab about each key the first wrote.
    let keys: Vec<String> = device.kv.keys();
    for key in keys {
        let value = device.kv.get(&key);
        two.input(
            &mut device,
            Input::StorageChanged {
                key: Some(key),
                value,
            },
        );
    }
    assert_eq!(two.records(), one.records());
    assert_eq!(two.model.settings().emergency_number, "999");
    assert_eq!(two.model.start_gate(two.now.wall), StartGate::Open);
    // Two tabs write different chunks: a reload has both tabs' records.
    two.input(
        &mut device,
        Input::Acknowledge {
            what: "review".into(),
        },
    );
    let three = device.open(T0, "tab3");
    assert_eq!(three.records(), one.records() + 1);
}

#[test]
fn delete_all_clears_storage_and_reloads() {
    let (mut device, mut page) = set_up();
    device.kv.map.insert("other-app".into(), "kept".into());
    page.input(&mut device, Input::DeleteAll);
    assert!(page.reloaded);
    assert_eq!(device.kv.keys(), ["other-app"]);
    let fresh = device.open(T0, "tab2");
    assert_eq!(fresh.records(), 0);
    assert!(!fresh.model.settings().setup_done);
}

#[test]
fn delete_all_in_another_tab_mid_session_is_not_undone_by_this_tab() {
    let (mut device, mut page) = set_up();
    page.start(&mut device, "core");
    page.session(&mut device, check_in(calf()));
    page.wait(&mut device, 5_000);
    // The other tab deletes everything; the browser tells this one, the
    // schema first (the deleting tab removes it before the rest).
    let mut other = device.open(page.now, "tab2");
    other.input(&mut device, Input::DeleteAll);
    assert!(device.kv.keys().is_empty());
    page.input(
        &mut device,
        Input::StorageChanged {
            key: Some(keys::SCHEMA.into()),
            value: None,
        },
    );
    assert!(page.reloaded);
    // Before the reload happens the session goes on: nothing comes back.
    until_check_in(&mut device, &mut page);
    page.session(&mut device, check_in(thigh()));
    page.wait(&mut device, 60_000);
    assert!(device.kv.keys().is_empty(), "{:?}", device.kv.keys());
}

#[test]
fn an_unreadable_value_that_could_not_be_moved_aside_is_never_written_over() {
    let (mut device, page) = set_up();
    let damaged = [
        (keys::SETTINGS, "{\"emergency_number\":"),
        (keys::PACKS, "[1,"),
        (keys::BACKUP, "{\"last\":"),
    ];
    for (key, value) in damaged {
        device.kv.set(key, value).unwrap();
    }
    // No room to copy anything aside.
    device.kv.quota = Some(device.kv.map.iter().map(|(k, v)| units(k, v)).sum());
    let mut again = device.open(page.now, "tab2");
    assert_eq!(
        again.model.notices().len(),
        3,
        "{:?}",
        again.model.notices()
    );
    device.kv.quota = None;
    let mut settings = again.model.settings().clone();
    settings.setup_done = true;
    settings.emergency_number = "112".into();
    again.input(&mut device, Input::SaveSettings(settings));
    again.input(
        &mut device,
        Input::UsePack {
            id: "core-stabilisation".into(),
        },
    );
    again.input(&mut device, Input::BackedUp);
    for (key, value) in damaged {
        assert_eq!(device.kv.get(key).as_deref(), Some(value), "{key}");
    }
    // This page uses the new settings all the same.
    assert_eq!(again.model.settings().emergency_number, "112");
    // With room, the next load moves them aside and writes again.
    let mut third = device.open(page.now, "tab3");
    let mut settings = third.model.settings().clone();
    settings.emergency_number = "911".into();
    third.input(&mut device, Input::SaveSettings(settings));
    assert!(device.kv.get(keys::SETTINGS).unwrap().contains("911"));
    let kept: Vec<String> = device
        .kv
        .keys()
        .into_iter()
        .filter(|k| k.starts_with(keys::QUARANTINE))
        .filter_map(|k| device.kv.get(&k))
        .collect();
    for (_, value) in damaged {
        assert!(kept.iter().any(|k| k == value), "{value} kept aside");
    }
}

#[test]
fn a_stored_session_that_does_not_fit_its_plan_is_moved_aside_with_a_notice() {
    let (mut device, mut page) = set_up();
    page.start(&mut device, "core");
    let stored = device.kv.get(keys::SESSION).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&stored).unwrap();
    json["phase"] = serde_json::json!({"phase": "interrupted", "resume": {"at": "set", "set": 99}});
    device.kv.set(keys::SESSION, &json.to_string()).unwrap();
    let mut again = device.open(page.now, "tab2");
    assert!(again.model.session().is_none());
    assert!(matches!(
        again.model.notices(),
        [Notice::SessionUnreadable { .. }]
    ));
    assert!(device.kv.get(keys::SESSION).is_none(), "moved aside");
    // Continue has nothing to act on: no panic.
    again.session(&mut device, Event::Continue);
    let kept = device
        .kv
        .keys()
        .into_iter()
        .filter(|k| k.starts_with(keys::QUARANTINE))
        .count();
    assert_eq!(kept, 1);
}

#[test]
fn records_from_a_newer_version_are_never_written_over() {
    let mut device = Device::new();
    device.kv.set(keys::SCHEMA, "99").unwrap();
    let mut page = device.open(T0, "tab1");
    assert!(matches!(page.model.notices(), [Notice::Load(_)]));
    first_run(&mut device, &mut page);
    assert_eq!(device.kv.keys(), [keys::SCHEMA]);
}

#[test]
fn a_page_that_continues_a_closed_pages_writer_loses_none_of_its_records() {
    use centralise::core::journal::Appender;
    let mut device = Device::new();
    let mut first = device.open(T0, "tab1");
    first_run(&mut device, &mut first);
    let before = first.records();
    // The first page closes; the next takes over its writer (Web Locks).
    let mut next = device.open(T0.plus(MIN), "tab2");
    let resumed = Appender::resume(&device.kv, "tab1").unwrap();
    next.input(&mut device, Input::TakeOver(resumed));
    next.input(&mut device, Input::WarningCheck { yes: vec![] });
    next.input(
        &mut device,
        Input::Acknowledge {
            what: "review".into(),
        },
    );
    assert_eq!(
        next.records(),
        before + 2,
        "ids of their own, never the old page's"
    );
    let reloaded = device.open(T0.plus(2 * MIN), "tab3");
    assert_eq!(reloaded.records(), before + 2);
    let chunks = device
        .kv
        .keys()
        .into_iter()
        .filter(|k| k.starts_with(keys::LOG))
        .count();
    assert_eq!(chunks, 1, "one chunk, continued");
}

fn backup_of(device: &mut Device, now: Now) -> centralise::core::export::backup::Backup {
    let settings =
        Settings::decode(&device.kv.get(keys::SETTINGS).unwrap_or_default()).unwrap_or_default();
    centralise::core::export::backup::of_storage(&mut device.kv, &settings.encode(), "", now.wall)
}

#[test]
fn a_backup_restores_on_a_new_phone_once_and_asks_before_changing_settings() {
    let mut old = Device::new();
    let mut page = old.open(T0, "old");
    first_run(&mut old, &mut page);
    page.input(
        &mut old,
        Input::Acknowledge {
            what: "review".into(),
        },
    );
    let file = backup_of(&mut old, page.now);
    let records = page.records();

    let mut new = Device::new();
    let mut phone = new.open(T0.plus(DAY), "new");
    let snapshot = new.kv.clone();
    let restored = phone
        .model
        .restore(file.clone(), &snapshot, phone.now)
        .unwrap();
    phone.drain(&mut new.kv);
    assert_eq!((restored.added, restored.already), (records, 0));
    assert_eq!(
        restored.settings, None,
        "a new phone takes the backup's settings"
    );
    assert_eq!(phone.model.settings().emergency_number, "999");
    assert_eq!(phone.model.start_gate(phone.now.wall), StartGate::Open);
    // Again: nothing twice.
    let snapshot = new.kv.clone();
    let again = phone.model.restore(file, &snapshot, phone.now).unwrap();
    phone.drain(&mut new.kv);
    assert_eq!((again.added, again.already), (0, records));
    assert_eq!(new.open(phone.now, "check").records(), records);

    // A phone already set up differently is asked first.
    let mut other = Device::new();
    let mut set_up = other.open(T0, "other");
    let settings = Settings {
        setup_done: true,
        emergency_number: "112".into(),
        ..Settings::default()
    };
    set_up.input(&mut other, Input::SaveSettings(settings));
    let file = backup_of(&mut old, page.now);
    let snapshot = other.kv.clone();
    let restored = set_up.model.restore(file, &snapshot, set_up.now).unwrap();
    assert_eq!(
        restored.settings.map(|s| s.emergency_number),
        Some("999".to_string())
    );
    assert_eq!(set_up.model.settings().emergency_number, "112");
}

#[test]
fn a_restore_writes_each_chunk_once_not_once_per_record() {
    use centralise::core::app::Output;
    use centralise::core::journal::{CHUNK_RECORDS, MemoryKv, sample};
    let mut old = MemoryKv::default();
    let counts = sample::heavy_use(&mut old, 3, T0.wall - 30 * DAY, 20, 8, 4).unwrap();
    let file = centralise::core::export::backup::of_storage(&mut old, "{}", "", T0.wall);
    let mut new = Device::new();
    let mut phone = new.open(T0, "new");
    let snapshot = new.kv.clone();
    let restored = phone.model.restore(file, &snapshot, T0).unwrap();
    assert_eq!(restored.added, counts.records);
    let mut chunk_writes = 0;
    while let Some(output) = phone.model.poll_output() {
        if let Output::Store { key, value } = output {
            chunk_writes += usize::from(key.starts_with(keys::LOG));
            let result = new.kv.set(&key, &value);
            phone
                .model
                .handle(centralise::core::app::Input::Written { key, result }, T0);
        }
    }
    assert_eq!(chunk_writes, counts.records.div_ceil(CHUNK_RECORDS));
    assert_eq!(new.open(T0, "check").records(), counts.records);
}

#[test]
fn a_restore_onto_data_of_a_newer_version_is_refused() {
    let mut old = Device::new();
    let mut page = old.open(T0, "old");
    first_run(&mut old, &mut page);
    let file = backup_of(&mut old, page.now);
    let mut newer = Device::new();
    newer.kv.set(keys::SCHEMA, "99").unwrap();
    let mut phone = newer.open(T0, "p");
    let snapshot = newer.kv.clone();
    let refused = phone.model.restore(file, &snapshot, phone.now);
    assert!(refused.unwrap_err().contains("newer version"));
}

#[test]
fn installing_using_and_removing_a_pack_goes_through_the_model() {
    let (mut device, mut page) = set_up();
    let mut pack = page.model.bundled()[1].clone();
    pack.id = "my-clinic".into();
    pack.title = "My clinic".into();
    page.input(&mut device, Input::InstallPack(Box::new(pack)));
    assert_eq!(page.model.pack().map(|p| p.id.as_str()), Some("my-clinic"));
    let reloaded = device.open(T0, "tab2");
    assert_eq!(
        reloaded.model.pack().map(|p| p.title.as_str()),
        Some("My clinic")
    );
    assert_eq!(
        Model::stored_packs(&device.kv),
        (reloaded.model.library().clone(), Some("my-clinic".into()))
    );
    page.input(
        &mut device,
        Input::RemovePack {
            id: "my-clinic".into(),
        },
    );
    let first = page.model.bundled()[0].id.clone();
    assert_eq!(page.model.pack().map(|p| p.id.clone()), Some(first));
    let bundled = page.model.bundled()[2].id.clone();
    page.input(
        &mut device,
        Input::UsePack {
            id: bundled.clone(),
        },
    );
    let reloaded = device.open(T0, "tab3");
    assert_eq!(reloaded.model.pack().map(|p| p.id.clone()), Some(bundled));
    // The packs pages read the same, without the journal.
    let (library, active) = Model::stored_packs(&device.kv);
    assert_eq!(&library, reloaded.model.library());
    assert_eq!(active, reloaded.model.pack().map(|p| p.id.clone()));
}

/// Performs the model's storage outputs on `kv`, as the shell does.
fn store_outputs(model: &mut Model, kv: &mut centralise::core::journal::MemoryKv) {
    while let Some(output) = model.poll_output() {
        if let centralise::core::app::Output::Store { key, value } = output {
            let result = kv.set(&key, &value);
            model.handle(Input::Written { key, result }, T0);
        }
    }
}

#[test]
fn a_change_of_packs_or_settings_needs_no_records_and_stores_the_same() {
    use centralise::core::journal::{MemoryKv, sample};
    let mut stored = MemoryKv::default();
    sample::heavy_use(&mut stored, 7, T0.wall - 60 * DAY, 60, 4, 3).unwrap();
    let full = Model::load_for_changes(&mut stored.clone(), T0, 0, "w");
    let mut pack = full.bundled()[1].clone();
    pack.id = "my-clinic".into();
    let mut settings = full.settings().clone();
    settings.voice = !settings.voice;
    settings.emergency_number = "112".into();
    let changes = [
        Input::InstallPack(Box::new(pack)),
        Input::UsePack {
            id: full.bundled()[2].id.clone(),
        },
        Input::RemovePack {
            id: "my-clinic".into(),
        },
        Input::SaveSettings(settings),
    ];
    let (mut with_records, mut without) = (stored.clone(), stored.clone());
    for change in changes {
        let mut model = Model::load_for_changes(&mut with_records, T0, 0, "w");
        model.handle(change.clone(), T0);
        store_outputs(&mut model, &mut with_records);
        let mut model = Model::load_for_choices(&mut without, T0, 0, "w");
        assert!(model.journal().records().is_empty());
        model.handle(change, T0);
        store_outputs(&mut model, &mut without);
        assert_eq!(with_records.map, without.map);
    }
    assert_ne!(with_records.map, stored.map);
    // Data of a newer version is left as it is.
    stored.set(keys::SCHEMA, "99").unwrap();
    let before = stored.map.clone();
    let mut model = Model::load_for_choices(&mut stored, T0, 0, "w");
    model.handle(
        Input::UsePack {
            id: full.bundled()[2].id.clone(),
        },
        T0,
    );
    store_outputs(&mut model, &mut stored);
    assert_eq!(stored.map, before);
}
