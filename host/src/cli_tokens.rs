//! `quartier create-token`, `list-tokens` and `revoke-token`: the operator's handling of API
//! tokens. Standard output carries what a script reads (the new token, the list); notes for
//! the person at the terminal go to standard error. The rules live in
//! `auth::credentials`; this module only reads arguments and prints.

use crate::auth::credentials::{self, TokenInfo, TokenLifetime};
use crate::db::{Db, Id, Timestamp};

/// Issues a token: prints the secret alone on standard output (so `$(quartier create-token
/// …)` keeps working) and its expiry on standard error.
pub async fn create(
    db: &Db,
    username: &str,
    name: &str,
    lifetime: TokenLifetime,
) -> anyhow::Result<()> {
    let token = credentials::issue_token(db, username, name, lifetime).await?;
    println!("{}", token.secret);
    eprintln!(
        "Gültig bis {} ({} Tage), ID {}. Das Token wird nur dieses eine Mal angezeigt.",
        instant(token.expires_at),
        lifetime.in_days(),
        token.id
    );
    Ok(())
}

/// Prints the tokens of one user or of all: id, user, name, created, expires.
pub async fn list(db: &Db, username: Option<&str>) -> anyhow::Result<()> {
    let tokens = credentials::list_tokens(db, username).await?;
    if tokens.is_empty() {
        match username {
            Some(username) => eprintln!("{username} hat keine API-Tokens."),
            None => eprintln!("Es gibt keine API-Tokens."),
        }
        return Ok(());
    }
    print!("{}", table(&tokens, Timestamp::now()));
    eprintln!("Wann ein Token zuletzt benutzt wurde, wird nicht erfasst.");
    Ok(())
}

/// Revokes a token by its id (from `list-tokens`); it answers 401 from the next request on.
pub async fn revoke(db: &Db, id: &str) -> anyhow::Result<()> {
    let id: Id = id.trim().parse().map_err(|_| {
        anyhow::anyhow!(
            "„{}“ ist keine Token-ID (die IDs zeigt quartier list-tokens).",
            id.escape_debug()
        )
    })?;
    let token = credentials::revoke_token(db, id).await?;
    println!(
        "Token {} ({}, „{}“) widerrufen.",
        token.id, token.username, token.name
    );
    Ok(())
}

/// An instant for people: minutes, UTC.
pub fn instant(at: Timestamp) -> String {
    at.0.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The tokens as a table with a header, columns padded to their widest cell.
fn table(tokens: &[TokenInfo], now: Timestamp) -> String {
    let mut rows = vec![
        ["ID", "BENUTZER", "NAME", "ERSTELLT", "LÄUFT AB"]
            .map(str::to_owned)
            .to_vec(),
    ];
    for token in tokens {
        let expires = match token.expires_at {
            None => "nie".to_owned(),
            Some(at) if at <= now => format!("{} (abgelaufen)", instant(at)),
            Some(at) => instant(at),
        };
        rows.push(vec![
            token.id.to_string(),
            token.username.clone(),
            token.name.clone(),
            instant(token.created_at),
            expires,
        ]);
    }
    columns(&rows)
}

/// Rows as text, each column padded to its widest cell: the operator's tables.
pub fn columns(rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        widths.resize(widths.len().max(row.len()), 0);
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_table_shows_no_secret_and_marks_expired_and_unlimited_tokens() {
        let now = Timestamp::now();
        let token = |name: &str, expires_at| TokenInfo {
            id: Id::new(),
            username: "anna".to_owned(),
            name: name.to_owned(),
            created_at: now,
            expires_at,
        };
        let day = chrono::TimeDelta::days(1);
        let tokens = [
            token("skript", Some(Timestamp(now.0 + day))),
            token("alt", Some(Timestamp(now.0 - day))),
            token("vorher", None),
        ];
        let text = table(&tokens, now);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert!(lines[0].starts_with("ID") && lines[0].ends_with("LÄUFT AB"));
        assert!(lines[1].contains(&tokens[0].id.to_string()) && lines[1].contains("anna"));
        assert!(!lines[1].contains("abgelaufen"), "{text}");
        assert!(lines[2].ends_with("(abgelaufen)"), "{text}");
        assert!(lines[3].ends_with("nie"), "{text}");
        // The columns line up.
        let at = lines[0].find("BENUTZER").unwrap();
        assert!(lines.iter().skip(1).all(|l| l[at..].starts_with("anna")));
    }
}
