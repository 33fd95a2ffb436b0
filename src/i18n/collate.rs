//! Sorting names the way readers expect in each language.
//!
//! Code-point order puts Thai words with leading vowels (เ แ โ ใ ไ) in the wrong place: "แผน" must
//! sort before "ไฟฟ้า", "เมือง" and "โรงงาน" by their consonants. ICU4X's collator implements CLDR's
//! Thai rules; its data are compiled into the binary, so sorting needs no files at run time.

use std::cmp::Ordering;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;

use crate::data::Lang;

/// A collator per language, created once per build.
pub struct Collators {
    th: CollatorBorrowed<'static>,
    en: CollatorBorrowed<'static>,
}

impl Collators {
    pub fn new() -> Self {
        // Compiled data for "th" and "en" ship with the crate, so creation cannot fail at run time
        // for these two locales; fall back to the root collation rather than panic if it ever did.
        let make = |loc: icu_locale_core::Locale| {
            Collator::try_new(loc.into(), CollatorOptions::default())
                .or_else(|_| Collator::try_new(Default::default(), CollatorOptions::default()))
                .expect("ICU root collation data are compiled in")
        };
        Collators {
            th: make(locale!("th")),
            en: make(locale!("en")),
        }
    }

    pub fn compare(&self, lang: Lang, a: &str, b: &str) -> Ordering {
        match lang {
            Lang::Th => self.th.compare(a, b),
            Lang::En => self.en.compare(a, b),
        }
    }

    /// Sorts `items` by the name `key` gives in `lang`; ties keep their input order.
    pub fn sort_by_name<T>(&self, lang: Lang, items: &mut [T], key: impl Fn(&T) -> &str) {
        items.sort_by(|a, b| self.compare(lang, key(a), key(b)));
    }
}

impl Default for Collators {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_leading_vowels_sort_by_consonant() {
        let collators = Collators::new();
        let mut words = vec!["โรงงาน", "เมือง", "ไฟฟ้า", "แผน"];
        collators.sort_by_name(Lang::Th, &mut words, |w| w);
        assert_eq!(words, ["แผน", "ไฟฟ้า", "เมือง", "โรงงาน"]);
    }

    #[test]
    fn provinces_in_thai_order() {
        let collators = Collators::new();
        let mut names = vec!["สงขลา", "ขอนแก่น", "ระยอง", "ชลบุรี", "นครปฐม", "ฉะเชิงเทรา"];
        collators.sort_by_name(Lang::Th, &mut names, |w| w);
        assert_eq!(
            names,
            ["ขอนแก่น", "ฉะเชิงเทรา", "ชลบุรี", "นครปฐม", "ระยอง", "สงขลา"]
        );
    }

    #[test]
    fn english_ignores_case() {
        let collators = Collators::new();
        let mut names = vec!["saraburi", "Chon Buri", "Amphoe Sadao"];
        collators.sort_by_name(Lang::En, &mut names, |w| w);
        assert_eq!(names, ["Amphoe Sadao", "Chon Buri", "saraburi"]);
    }
}
