//! The syntax of one shortcode: `{{ name(key="value", …) }}`, read with positions.
//!
//! A small hand-written reader rather than a grammar crate: the language is tiny, and what matters
//! is pointing at the exact character that is wrong, with a hint phrased as the fix. Values must be
//! quoted text; anything else (a number, a bare word, curly quotes pasted from a word processor)
//! is kept so that the argument check can say what was written.

use crate::diagnostics::Diagnostic;

use super::Source;
use super::arguments;

/// A piece of the source: its text and byte offset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub offset: usize,
}

/// `key="value"`; `value` is `None` when it was not in quotes (`raw` keeps what was written).
#[derive(Debug, Clone, PartialEq)]
pub struct Arg<'a> {
    pub key: Token<'a>,
    pub raw: Token<'a>,
    pub value: Option<String>,
}

/// One shortcode as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Call<'a> {
    /// The whole `{{ … }}`.
    pub whole: Token<'a>,
    pub name: Token<'a>,
    pub args: Vec<Arg<'a>>,
}

/// A syntax mistake inside `{{ … }}`.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub code: &'static str,
    pub offset: usize,
    pub message: String,
    pub value: String,
    pub hint: String,
}

impl SyntaxError {
    fn new(code: &'static str, offset: usize, message: &str, value: &str, hint: &str) -> Self {
        SyntaxError {
            code,
            offset,
            message: message.to_string(),
            value: value.to_string(),
            hint: hint.to_string(),
        }
    }

    /// The diagnostic for this mistake, located in `source`.
    pub fn report(&self, source: &Source) -> Diagnostic {
        source
            .error(self.code, self.offset, self.message.clone())
            .with_value(self.value.clone())
            .with_hint(self.hint.clone())
    }
}

/// Reads the shortcode spanning `start..end` (from `{{` to after `}}`). An unknown name is
/// reported before the rest is read: its arguments cannot be judged anyway.
pub fn parse(text: &str, start: usize, end: usize) -> Result<Call<'_>, SyntaxError> {
    let whole = Token {
        text: &text[start..end],
        offset: start,
    };
    let mut cursor = Cursor {
        text,
        pos: start + 2,
        end: end - 2,
    };
    cursor.skip_space();
    let name = cursor.word();
    if name.text.is_empty() {
        let hint = "write a shortcode such as {{ level(area=\"…\") }}";
        return Err(SyntaxError::new(
            "bad-shortcode",
            name.offset,
            "expected a shortcode name",
            whole.text,
            hint,
        ));
    }
    arguments::check_name(name)?;
    let args = cursor.arguments(name)?;
    Ok(Call { whole, name, args })
}

/// A position inside one shortcode, between `{{` and `}}`.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    end: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..self.end].chars().next()
    }

    fn skip_space(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
    }

    /// Letters, digits, `_` and `-`; possibly empty.
    fn word(&mut self) -> Token<'a> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            self.pos += 1;
        }
        Token {
            text: &self.text[start..self.pos],
            offset: start,
        }
    }

    fn here(&self) -> &'a str {
        let rest = &self.text[self.pos..self.end];
        if rest.trim().is_empty() {
            "}}"
        } else {
            rest.trim_end()
        }
    }

    fn expect(&mut self, wanted: char, message: &str, hint: &str) -> Result<(), SyntaxError> {
        if self.peek() == Some(wanted) {
            self.pos += 1;
            return Ok(());
        }
        Err(SyntaxError::new(
            "bad-shortcode",
            self.pos,
            message,
            self.here(),
            hint,
        ))
    }

    /// `( key="value", … )` and nothing after it.
    fn arguments(&mut self, name: Token) -> Result<Vec<Arg<'a>>, SyntaxError> {
        let hint = format!("write it as {}", arguments::usage(name.text));
        self.skip_space();
        self.expect('(', "expected ( after the shortcode name", &hint)?;
        let mut args = Vec::new();
        loop {
            self.skip_space();
            if self.peek() == Some(')') {
                self.pos += 1;
                break;
            }
            args.push(self.argument(&hint)?);
            self.skip_space();
            if self.peek() != Some(')') {
                self.expect(',', "expected , or ) after an argument", &hint)?;
            }
        }
        self.skip_space();
        if self.pos < self.end {
            let message = "unexpected text after the closing )";
            return Err(SyntaxError::new(
                "bad-shortcode",
                self.pos,
                message,
                self.here(),
                "end the shortcode with ) }}",
            ));
        }
        Ok(args)
    }

    fn argument(&mut self, hint: &str) -> Result<Arg<'a>, SyntaxError> {
        let key = self.word();
        if key.text.is_empty() {
            return Err(SyntaxError::new(
                "bad-shortcode",
                self.pos,
                "expected an argument name",
                self.here(),
                hint,
            ));
        }
        self.skip_space();
        self.expect('=', "expected = after the argument name", hint)?;
        self.skip_space();
        let (raw, value) = match self.peek() {
            Some(q @ ('"' | '\'')) => self.quoted(q)?,
            _ => (self.bare(hint)?, None),
        };
        Ok(Arg { key, raw, value })
    }

    /// A value in quotes, with `\"` and `\\` escapes.
    fn quoted(&mut self, quote: char) -> Result<(Token<'a>, Option<String>), SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut value = String::new();
        while let Some(c) = self.peek() {
            self.pos += c.len_utf8();
            match c {
                '\\' => {
                    if let Some(next) = self.peek() {
                        self.pos += next.len_utf8();
                        value.push(next);
                    }
                }
                c if c == quote => {
                    return Ok((
                        Token {
                            text: &self.text[start..self.pos],
                            offset: start,
                        },
                        Some(value),
                    ));
                }
                c => value.push(c),
            }
        }
        let hint = format!("close the text with {quote}");
        Err(SyntaxError::new(
            "bad-shortcode",
            start,
            "this text has no closing quote",
            &self.text[start..self.end],
            &hint,
        ))
    }

    /// A value without quotes (a number, a bare word, curly quotes): kept for a type error.
    fn bare(&mut self, hint: &str) -> Result<Token<'a>, SyntaxError> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| !c.is_whitespace() && c != ',' && c != ')')
        {
            self.pos += self.peek().map_or(1, char::len_utf8);
        }
        if start == self.pos {
            return Err(SyntaxError::new(
                "bad-shortcode",
                start,
                "expected a value after =",
                self.here(),
                hint,
            ));
        }
        Ok(Token {
            text: &self.text[start..self.pos],
            offset: start,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(text: &str) -> Result<Call<'_>, SyntaxError> {
        parse(text, 0, text.len())
    }

    #[test]
    fn parses_arguments() {
        let c = call("{{ latest( area = \"a-b\", indicator='x\\'y' , ) }}").unwrap();
        assert_eq!(c.name.text, "latest");
        assert_eq!(
            c.args[0].key,
            Token {
                text: "area",
                offset: 11
            }
        );
        assert_eq!(c.args[0].value.as_deref(), Some("a-b"));
        assert_eq!(c.args[0].raw.text, "\"a-b\"");
        assert_eq!(c.args[1].value.as_deref(), Some("x'y"));
        let c = call("{{level(area=5)}}").unwrap();
        assert_eq!((c.args[0].raw.text, c.args[0].value.as_ref()), ("5", None));
    }

    #[test]
    fn syntax_errors() {
        let e = call("{{ level area=\"x\" }}").unwrap_err();
        assert_eq!((e.offset, e.value.as_str()), (9, "area=\"x\""));
        assert_eq!(e.hint, "write it as {{ level(area=\"…\") }}");
        let e = call("{{ level(area=\"x) }}").unwrap_err();
        assert_eq!(
            (e.offset, e.message.as_str()),
            (14, "this text has no closing quote")
        );
        let e = call("{{ level(area=\"x\") extra }}").unwrap_err();
        assert_eq!(e.value, "extra");
        let e = call("{{ (a=\"b\") }}").unwrap_err();
        assert_eq!(e.message, "expected a shortcode name");
    }
}
