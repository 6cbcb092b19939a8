//! Quartier: the back office for the inter-agency networks of German neighbourhood
//! management (*Quartiersmanagement*).
//!
//! The library builds the whole server from [`config::Settings`] ([`app::build`]) and serves
//! it ([`app::serve`]); the binary only parses the command line. Features (`network`,
//! `funds`, `concerns`, …) own their types, SQL and routes and ask the municipality's rules
//! through [`rules`]; `db`, `auth`, `api`, `ops` and [`state`] are shared infrastructure that
//! knows nothing about features; `app` composes them. `docs/architecture.md` is the map.

pub mod api;
pub mod app;
pub mod assets;
pub mod audit;
mod audit_api;
pub mod auth;
pub mod cli;
pub mod cli_federation;
pub mod cli_open311;
pub mod cli_plugin;
pub mod cli_report;
pub mod cli_seed;
pub mod cli_sso;
pub mod cli_tokens;
pub mod concerns;
pub mod config;
pub mod contracts;
pub mod db;
pub mod demo;
pub mod error;
pub mod federation;
pub mod forms;
pub mod funds;
pub mod keys;
pub mod messages;
pub mod network;
pub mod oparl;
pub mod open311;
pub mod ops;
pub mod plugin_registry;
pub mod plugins;
pub mod projects;
pub mod rate_limit;
pub mod reports;
pub mod retention;
pub mod rules;
pub mod self_evaluations;
pub mod server;
pub mod state;
pub mod task_matrix;
mod text_enum;
pub mod web;
