//! `kairos explain TEXT...`: the error catalogue for a pasted Cognito error.

use clap::Args;
use kairos_cognito::errors::{self, Entry};
use kairos_core::{ErrorReport, Locale, UserFacing};

use crate::{Context, print_json};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// An error code, a whole error message, AWS's JSON answer, or a catalogue id.
    #[arg(required = true, num_args = 1..)]
    text: Vec<String>,
    /// Print the matching entries as JSON (both languages).
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: &ExplainArgs) -> Result<(), ErrorReport> {
    let text = args.text.join(" ");
    let entries = errors::explain_or_error(&text).map_err(|e| e.report(ctx.locale))?;
    if args.json {
        return print_json(&entries);
    }
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 {
            println!();
        }
        print_entry(entry, ctx.locale);
    }
    Ok(())
}

fn print_entry(entry: &Entry, locale: Locale) {
    let (cause, fix) = locale.pick(("Cause", "Fix"), ("Cause", "Solution"));
    println!(
        "[{}] {} — {}",
        entry.id,
        entry.code,
        entry.title.get(locale)
    );
    println!("{cause}: {}", entry.cause.get(locale));
    println!("{fix}: {}", entry.fix.get(locale));
}
