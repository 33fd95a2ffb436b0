//! `[contact]` in `site.toml`: who a reader of a printed brief calls or writes to.
//!
//! A brief lies on a table in front of a governor; the question after "what does this say?" is
//! "whom do I ask?". The office is named in both languages; a phone number and an e-mail address
//! are optional but checked here, since a wrong character on paper cannot be clicked away. An
//! address at `example.` is the shipped sample's placeholder, which `build --pdf` warns about
//! like the example `base_url` ([`super::Config::check_against_data`]).

use serde::{Deserialize, Serialize};

/// The office to contact, as every brief prints it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The office, in Thai and in English.
    pub th: String,
    pub en: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// One value of `[contact]` that cannot be printed: the key, what is wrong, an example.
pub struct Problem<'a> {
    pub key: &'static str,
    pub message: &'static str,
    pub hint: &'static str,
    pub value: &'a str,
}

impl Contact {
    /// What is wrong with the values, each with its key (empty when all are right).
    pub fn problems(&self) -> Vec<Problem<'_>> {
        let mut found = Vec::new();
        for (key, name) in [("th", &self.th), ("en", &self.en)] {
            if name.trim().is_empty() {
                found.push(Problem {
                    key,
                    message: "[contact] must name the office in both languages",
                    hint: "e.g. th = \"กองส่งเสริมเทคโนโลยี กรมโรงงานอุตสาหกรรม\"",
                    value: name,
                });
            }
        }
        if let Some(phone) = &self.phone
            && !is_phone(phone)
        {
            found.push(Problem {
                key: "phone",
                message: "'phone' must be a telephone number: digits, spaces, '+', '-', '(' and ')'",
                hint: "e.g. phone = \"0 2202 4000\" or \"+66 2202 4000\"",
                value: phone,
            });
        }
        if let Some(email) = &self.email
            && !is_email(email)
        {
            found.push(Problem {
                key: "email",
                message: "'email' must be one e-mail address (name@host.tld)",
                hint: "e.g. email = \"ecotown@diw.go.th\"",
                value: email,
            });
        }
        found
    }

    /// Whether the e-mail address is the sample's placeholder (at an `example.` host).
    pub fn is_example(&self) -> bool {
        self.email.as_deref().is_some_and(|e| {
            e.rsplit('@')
                .next()
                .is_some_and(|host| host.starts_with("example.") || host.contains(".example."))
        })
    }
}

fn is_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    (3..=20).contains(&digits)
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()".contains(c))
}

fn is_email(email: &str) -> bool {
    let Some((name, host)) = email.split_once('@') else {
        return false;
    };
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._+-".contains(c))
    };
    plain(name)
        && plain(host)
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(phone: Option<&str>, email: Option<&str>) -> Contact {
        Contact {
            th: "กอง".into(),
            en: "Bureau".into(),
            phone: phone.map(str::to_string),
            email: email.map(str::to_string),
        }
    }

    #[test]
    fn phone_numbers_and_addresses_are_checked() {
        assert!(
            contact(Some("0 2202 4000"), Some("eco@diw.go.th"))
                .problems()
                .is_empty()
        );
        assert!(
            contact(Some("+66 (2) 202-4000"), None)
                .problems()
                .is_empty()
        );
        let bad = contact(Some("02-202-4000 ต่อ 1"), Some("eco at diw"));
        let keys: Vec<&str> = bad.problems().iter().map(|p| p.key).collect();
        assert_eq!(keys, ["phone", "email"]);
        assert!(
            !contact(None, Some("a@b.go.th<script>"))
                .problems()
                .is_empty()
        );
        assert!(contact(None, Some("ecotown@example.go.th")).is_example());
        assert!(!contact(None, Some("ecotown@diw.go.th")).is_example());
    }
}
