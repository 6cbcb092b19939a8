//! Uploads that could hurt other municipalities (issue 9): a compile bomb is stopped at its
//! deadline in a child process that really ends, while another municipality installs; one
//! upload per municipality at a time; identical uploads at once record one version; the
//! caps on stored versions and bytes.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use quartier::config::Settings;
use serde_json::Value;
use wasm_encoder::{CodeSection, Function, FunctionSection, Module, ModuleSection, TypeSection};

use super::{component, upload_bytes};
use crate::support::{Reply, TestApp};

crate::tests![
    a_compile_bomb_is_stopped_at_its_deadline_while_another_municipality_installs,
    twenty_identical_uploads_at_once_through_two_servers_record_one_version_and_409_the_rest,
    a_municipality_at_its_version_cap_gets_a_409_in_german,
    a_municipality_at_its_storage_cap_gets_a_413_in_german,
    two_servers_on_one_database_never_store_more_versions_than_the_cap,
];

/// A component whose one function keeps `values` products live at once before summing them:
/// register allocation grows much faster than the size (30,000 values, 230 KiB, keep
/// Cranelift busy for minutes; 8,000 already take seconds).
fn compile_bomb(values: i64) -> Vec<u8> {
    let mut types = TypeSection::new();
    types
        .ty()
        .function([wasm_encoder::ValType::I64], [wasm_encoder::ValType::I64]);
    let mut functions = FunctionSection::new();
    functions.function(0);
    let mut body = Function::new([]);
    let mut sink = body.instructions();
    for k in 1..=values {
        sink.local_get(0).i64_const(k).i64_mul();
    }
    for _ in 1..values {
        sink.i64_add();
    }
    sink.end();
    let mut code = CodeSection::new();
    code.function(&body);
    let mut module = Module::new();
    module.section(&types).section(&functions).section(&code);
    let mut component = wasm_encoder::Component::new();
    component.section(&ModuleSection(&module));
    component.finish()
}

/// Settings whose uploads compile in child processes of the built `quartier`, as `serve` does.
fn compiling_in_children() -> Settings {
    let mut settings = Settings::for_database("");
    settings.plugins.compiler = Some(PathBuf::from(env!("CARGO_BIN_EXE_quartier")));
    settings
}

/// The check for leftover compile processes looks at every child of this test process, so
/// the test's two runs (SQLite, PostgreSQL) take turns; no other test compiles in children.
static ALONE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn a_compile_bomb_is_stopped_at_its_deadline_while_another_municipality_installs(
    app: TestApp,
) {
    let _alone = ALONE.lock().await;
    let deadline = Duration::from_secs(2);
    let mut settings = compiling_in_children();
    settings.plugins.limits.compile_timeout = deadline;
    let (server, _) = app.with_settings(settings).await;
    let bomb = compile_bomb(30_000);
    let children_before = cpu("self").children;
    let watcher = tokio::spawn(watch_first_compile_child());
    let started = Instant::now();
    let (bomb_reply, (busy, b_took)) = tokio::join!(
        async {
            let reply = upload_bytes(&server, &app.a, &app.a.coordinator, bomb).await;
            (reply, started.elapsed())
        },
        async {
            // While the bomb compiles: A may not start a second upload, B installs.
            tokio::time::sleep(Duration::from_millis(500)).await;
            let sample = component("quartier_sample_plugin");
            let busy = upload_bytes(&server, &app.a, &app.a.coordinator, sample).await;
            let b_started = Instant::now();
            server
                .activate_plugin(&app.b, "quartier_sample_plugin")
                .await;
            (busy, b_started.elapsed())
        }
    );
    let (bomb_reply, bomb_took) = bomb_reply;
    let child = watcher
        .await
        .unwrap()
        .expect("the bomb compiles in a child process");

    let bomb_reply = bomb_reply.expect(422);
    assert_eq!(bomb_reply.code(), "plugin_compile_timeout");
    assert!(
        detail(&bomb_reply).contains("dauerte zu lange"),
        "{}",
        bomb_reply.text
    );
    assert!(
        bomb_took >= deadline && bomb_took < deadline + Duration::from_millis(1500),
        "answered after {bomb_took:?}"
    );
    let busy = busy.expect(429);
    assert_eq!(busy.code(), "plugin_upload_in_progress");
    assert!(
        detail(&busy).contains("gerade ein anderes Plugin"),
        "{}",
        busy.text
    );
    // B's plugin went live and answers.
    let b_versions = server
        .get(&app.b.api("/plugins"), Some(&app.b.coordinator))
        .await
        .expect(200);
    assert_eq!(
        b_versions.json["items"][0]["active"], true,
        "{}",
        b_versions.text
    );

    // The bomb's process is gone, none is left, and no child keeps using CPU.
    assert!(
        child
            .gone_after
            .is_some_and(|t| t < deadline + Duration::from_millis(1500)),
        "the compile process of the bomb still ran: {child:?}"
    );
    assert!(!std::path::Path::new(&format!("/proc/{}", child.pid)).exists());
    let at_answer = cpu("self");
    assert_eq!(compile_children(), Vec::<u32>::new());
    tokio::time::sleep(Duration::from_secs(1)).await;
    let a_second_later = cpu("self");
    assert_eq!(compile_children(), Vec::<u32>::new());
    assert_eq!(
        a_second_later.children, at_answer.children,
        "CPU time of (reaped) child processes grew after the answer"
    );
    eprintln!(
        "compile bomb: 422 after {bomb_took:?}; its process used {:.2} CPU-s when last seen, \
         gone {:?} after the upload began; CPU of reaped children during the test {:.2} s, \
         growth in the second after the answer {:.2} s (children) and {:.2} s (this test \
         process, all parallel tests included); B's upload and activation took {b_took:?}",
        child.cpu_seconds,
        child.gone_after,
        a_second_later.children - children_before,
        a_second_later.children - at_answer.children,
        a_second_later.own - at_answer.own,
    );
}

/// Through two servers on one database, like two processes: within one the uploads take
/// turns, between them the insert's transaction decides.
async fn twenty_identical_uploads_at_once_through_two_servers_record_one_version_and_409_the_rest(
    app: TestApp,
) {
    let (other, _) = app.with_settings(Settings::for_database("")).await;
    let uploads: Vec<_> = (0..20)
        .map(|i| {
            let base = if i % 2 == 0 { &app.base } else { &other.base };
            let request = app
                .client
                .post(format!("{base}{}", app.a.api("/plugins")))
                .bearer_auth(&app.a.coordinator)
                .header("content-type", "application/wasm")
                .body(component("quartier_sample_plugin"));
            tokio::spawn(async move {
                let response = request.send().await.unwrap();
                let status = response.status().as_u16();
                (status, response.json::<Value>().await.unwrap())
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for upload in uploads {
        let (status, body) = upload.await.unwrap();
        if status == 409 {
            assert_eq!(body["code"], "already_exists", "{body}");
            assert!(
                body["detail"]
                    .as_str()
                    .unwrap()
                    .contains("bereits hochgeladen")
            );
        }
        statuses.push(status);
    }
    statuses.sort();
    let mut expected = vec![201];
    expected.extend([409; 19]);
    assert_eq!(statuses, expected);
    assert_eq!(total(&app, &app.a.coordinator).await, 1);
}

async fn a_municipality_at_its_version_cap_gets_a_409_in_german(app: TestApp) {
    let mut settings = Settings::for_database("");
    settings.plugins.max_versions = 2;
    let (server, _) = app.with_settings(settings).await;
    let token = app.a.coordinator.as_str();
    for name in ["quartier_sample_plugin", "contract_older"] {
        upload_bytes(&server, &app.a, token, component(name))
            .await
            .expect(201);
    }
    let refused = upload_bytes(&server, &app.a, token, component("contract_newer"))
        .await
        .expect(409);
    assert_eq!(refused.code(), "plugin_version_limit");
    assert!(
        detail(&refused).contains("bereits 2 Plugin-Versionen"),
        "{}",
        refused.text
    );
    assert_eq!(total(&server, token).await, 2);
    // The cap is per municipality.
    upload_bytes(
        &server,
        &app.b,
        &app.b.coordinator,
        component("contract_newer"),
    )
    .await
    .expect(201);
}

async fn a_municipality_at_its_storage_cap_gets_a_413_in_german(app: TestApp) {
    let first = component("quartier_sample_plugin");
    let second = component("contract_older");
    let mut settings = Settings::for_database("");
    // Room for the first component and not quite for the second.
    settings.plugins.max_stored_bytes = (first.len() + second.len() - 1) as u64;
    let (server, _) = app.with_settings(settings).await;
    let token = app.a.coordinator.as_str();
    upload_bytes(&server, &app.a, token, first)
        .await
        .expect(201);
    let refused = upload_bytes(&server, &app.a, token, second)
        .await
        .expect(413);
    assert_eq!(refused.code(), "plugin_storage_limit");
    let text = detail(&refused);
    assert!(text.contains("würde die Grenze von"), "{text}");
    assert!(text.contains("KiB"), "{text}");
    assert_eq!(total(&server, token).await, 1);
}

/// Two processes on one database (here two servers, each with its own uploads in flight)
/// both find room for one more version; the insert's transaction admits only one.
async fn two_servers_on_one_database_never_store_more_versions_than_the_cap(app: TestApp) {
    let mut settings = Settings::for_database("");
    settings.plugins.max_versions = 1;
    let (one, _) = app.with_settings(settings.clone()).await;
    let (two, _) = app.with_settings(settings).await;
    let token = app.a.coordinator.as_str();
    let (a, b) = tokio::join!(
        upload_bytes(&one, &app.a, token, component("quartier_sample_plugin")),
        upload_bytes(&two, &app.a, token, component("contract_older")),
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [201, 409], "{} {}", a.text, b.text);
    let refused = if a.status == 409 { &a } else { &b };
    assert_eq!(refused.code(), "plugin_version_limit");
    assert_eq!(total(&one, token).await, 1);
}

fn detail(reply: &Reply) -> &str {
    reply.json["detail"].as_str().unwrap_or_default()
}

async fn total(server: &TestApp, token: &str) -> i64 {
    let list = server
        .get(&server.a.api("/plugins"), Some(token))
        .await
        .expect(200);
    list.json["total"].as_i64().unwrap()
}

/// The first compile child seen within 5 s, followed until it is gone.
#[derive(Debug)]
struct Watched {
    pid: u32,
    /// Its CPU time (user and system) when last seen alive.
    cpu_seconds: f64,
    /// When it was gone, from the start of the watch.
    gone_after: Option<Duration>,
}

async fn watch_first_compile_child() -> Option<Watched> {
    let started = Instant::now();
    let pid = loop {
        if let Some(&pid) = compile_children().first() {
            break pid;
        }
        if started.elapsed() > Duration::from_secs(5) {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let mut watched = Watched {
        pid,
        cpu_seconds: 0.0,
        gone_after: None,
    };
    while started.elapsed() < Duration::from_secs(30) {
        match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            Ok(stat) => watched.cpu_seconds = Cpu::parse(&stat).own,
            Err(_) => {
                watched.gone_after = Some(started.elapsed());
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Some(watched)
}

/// This process's children running `quartier __compile-plugin` (zombies included).
fn compile_children() -> Vec<u32> {
    let me = std::process::id();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return vec![];
    };
    let mut pids: Vec<u32> = entries
        .flatten()
        .filter_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let ppid: u32 = after_name(&stat).get(1)?.parse().ok()?;
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
            let compiling = String::from_utf8_lossy(&cmdline).contains("__compile-plugin");
            (ppid == me && compiling).then_some(pid)
        })
        .collect();
    pids.sort();
    pids
}

/// CPU seconds of a process from `/proc/PID/stat`.
#[derive(Clone, Copy, Debug)]
struct Cpu {
    /// utime + stime.
    own: f64,
    /// cutime + cstime: of its children that ended and were reaped.
    children: f64,
}

impl Cpu {
    fn parse(stat: &str) -> Cpu {
        // Fields 14–17 of proc(5); USER_HZ is 100 on Linux.
        let fields = after_name(stat);
        let ticks = |i: usize| fields[i].parse::<f64>().unwrap() / 100.0;
        Cpu {
            own: ticks(11) + ticks(12),
            children: ticks(13) + ticks(14),
        }
    }
}

fn cpu(pid: &str) -> Cpu {
    Cpu::parse(&std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap())
}

/// The fields after the command name (which may contain spaces), from the state on.
fn after_name(stat: &str) -> Vec<&str> {
    stat.rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default()
}
