//! Shortcode arguments: which shortcodes exist, what each takes, and the checks every call
//! goes through before its values are looked up.
//!
//! Kept apart from their meaning ([`super::values`]) because these checks are pure syntax: a
//! misspelt argument or a number where an id belongs is the same mistake whatever the data say.

use crate::diagnostics::{Diagnostic, Diagnostics};

use super::syntax::{Call, SyntaxError, Token};
use super::{Source, nearest};

/// The values of `factories(measure=…)`.
pub const MEASURES: [&str; 4] = ["total", "upgraded", "remaining", "percent"];

/// A shortcode's name and arguments.
pub struct Spec {
    pub name: &'static str,
    required: &'static [&'static str],
    optional: &'static [&'static str],
    usage: &'static str,
}

const SPECS: [Spec; 4] = [
    Spec {
        name: "latest",
        required: &["area", "indicator"],
        optional: &[],
        usage: "{{ latest(area=\"…\", indicator=\"…\") }}",
    },
    Spec {
        name: "factories",
        required: &["measure"],
        optional: &["area", "province"],
        usage: "{{ factories(measure=\"…\") }}, adding area=\"…\" or province=\"…\" for one place",
    },
    Spec {
        name: "level",
        required: &["area"],
        optional: &[],
        usage: "{{ level(area=\"…\") }}",
    },
    Spec {
        name: "symbiosis",
        required: &["measure", "area"],
        optional: &["year"],
        usage: "{{ symbiosis(measure=\"…\", area=\"…\") }}, adding year=\"2021\" for a year before the latest",
    },
];

/// The shortcode called `name`, if there is one.
pub fn spec(name: &str) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.name == name)
}

/// How to write the shortcode `name`, for hints.
pub fn usage(name: &str) -> &'static str {
    spec(name).map_or("{{ name(key=\"value\") }}", |s| s.usage)
}

/// Accepts only the shortcodes that exist, suggesting the nearest for a typo.
pub fn check_name(name: Token) -> Result<(), SyntaxError> {
    if spec(name.text).is_some() {
        return Ok(());
    }
    let names = SPECS.map(|s| s.name);
    let list = "shortcodes are latest, factories, level and symbiosis";
    let hint = match nearest(name.text, names) {
        Some(n) => format!("did you mean '{n}'? {list}"),
        None => list.to_string(),
    };
    Err(SyntaxError {
        code: "unknown-shortcode",
        offset: name.offset,
        message: format!("there is no shortcode '{}'", name.text),
        value: name.text.to_string(),
        hint,
    })
}

/// Argument name, its value, and where it was written.
pub type Args<'a> = Vec<(&'a str, String, Token<'a>)>;

/// Checks names, repeats and types of the arguments; `None` after reporting any problem.
pub fn check_args<'a>(
    spec: &Spec,
    call: &Call<'a>,
    source: &Source,
    diags: &mut Diagnostics,
) -> Option<Args<'a>> {
    let known: Vec<&str> = spec.required.iter().chain(spec.optional).copied().collect();
    let mut args = Args::new();
    let mut ok = true;
    for arg in &call.args {
        let key = arg.key.text;
        let problem = if !known.contains(&key) {
            Some(unknown_argument(spec, &known, arg.key, source))
        } else if args.iter().any(|(k, _, _)| *k == key) {
            let message = format!("'{key}' is given twice");
            Some(
                source
                    .error("bad-shortcode", arg.key.offset, message)
                    .with_value(key)
                    .with_hint("give each argument once"),
            )
        } else if let Some(value) = &arg.value {
            args.push((key, value.clone(), arg.raw));
            None
        } else {
            Some(wrong_type(key, arg.raw, source))
        };
        if let Some(problem) = problem {
            diags.push(problem);
            ok = false;
        }
    }
    for required in spec
        .required
        .iter()
        .filter(|r| !call.args.iter().any(|a| a.key.text == **r))
    {
        diags.push(missing_argument(spec, required, call, source));
        ok = false;
    }
    ok.then_some(args)
}

fn unknown_argument(spec: &Spec, known: &[&str], key: Token, source: &Source) -> Diagnostic {
    let list = format!("{} takes {}", spec.name, known.join(", "));
    let hint = match nearest(key.text, known.iter().copied()) {
        Some(k) => format!("did you mean '{k}'? {list}"),
        None => list,
    };
    let message = format!("{} has no argument '{}'", spec.name, key.text);
    source
        .error("unknown-shortcode-argument", key.offset, message)
        .with_value(key.text)
        .with_hint(hint)
}

fn wrong_type(key: &str, raw: Token, source: &Source) -> Diagnostic {
    let hint = if raw.text.contains(['“', '”', '‘', '’']) {
        format!("use straight double quotes: {key}=\"…\"")
    } else {
        format!("put the value in double quotes: {key}=\"{}\"", raw.text)
    };
    let message = format!("'{key}' must be text in quotes");
    source
        .error("shortcode-argument-type", raw.offset, message)
        .with_value(raw.text)
        .with_hint(hint)
}

fn missing_argument(spec: &Spec, required: &str, call: &Call, source: &Source) -> Diagnostic {
    let hint = if required == "measure" && spec.name == "symbiosis" {
        let measures = crate::data::contract::MEASURES.join(", ");
        format!("add measure=\"…\" with one of: {measures}")
    } else if required == "measure" {
        format!("add measure=\"…\" with one of: {}", MEASURES.join(", "))
    } else {
        format!("add {required}=\"…\": {}", spec.usage)
    };
    let message = format!("{} needs the argument '{required}'", spec.name);
    source
        .error("missing-shortcode-argument", call.whole.offset, message)
        .with_value(call.whole.text)
        .with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_names_suggest_the_nearest() {
        let err = check_name(Token {
            text: "lastest",
            offset: 3,
        })
        .unwrap_err();
        assert_eq!((err.code, err.offset), ("unknown-shortcode", 3));
        assert_eq!(
            err.hint,
            "did you mean 'latest'? shortcodes are latest, factories, level and symbiosis"
        );
    }
}
