//! `ecotown-bench`: the build-speed benchmark, runnable by anyone on their own machine.
//!
//! Build speed is a feature (CI rebuilds on every data commit, authors preview constantly), and a
//! claim about it is only worth what its benchmark is. So the benchmark lives here, in one
//! command: [`scale`] generates the sample at 1×, 10× and 100× as many areas, [`hugo`] writes an
//! equivalent Hugo site for each, and [`run`] times full, no-op and one-edit builds of both with
//! `/usr/bin/time -v` and prints the table that goes into BENCHMARKS.md.

mod hugo;
mod run;
mod scale;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "ecotown-bench",
    about = "Benchmark ecotown builds against Hugo"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a scaled copy of a site (`OUT/ecotown`) and its Hugo twin (`OUT/hugo`).
    Generate {
        /// How many times the sample's areas.
        #[arg(long, default_value_t = 1)]
        scale: u32,
        /// Where to write; emptied first.
        #[arg(long)]
        out: PathBuf,
        /// The site to scale.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Run the whole benchmark and print (and write) its table.
    Run(run::Options),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate { scale, out, root } => generate(&root, scale, &out),
        Command::Run(options) => run::run(&options),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("ecotown-bench: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the scaled ecotown site and its Hugo twin under `out`.
pub fn generate(root: &std::path::Path, scale: u32, out: &std::path::Path) -> std::io::Result<()> {
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    let site = out.join("ecotown");
    scale::generate(root, scale, &site)?;
    hugo::generate(&site, &out.join("hugo"))
}
