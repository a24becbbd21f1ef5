//! Elements a page's style sheet hides: sites hide decoys, print-only
//! copies and collapsed menus with a class (`.hide { display: none }`), not
//! only with an inline style. Only simple rules are understood: a list of
//! `.class` or `#id` selectors whose declarations hide.

use markup5ever_rcdom::{Handle, NodeData};

use crate::dom::{attr, tag};
use crate::phrases::HIDDEN_STYLES;

/// The classes and ids the page's `<style>` elements hide.
#[derive(Debug, Default)]
pub(crate) struct HiddenRules {
    classes: Vec<String>,
    ids: Vec<String>,
}

/// The declarations (`a: b; c: d`) hide an element. Parsed in place,
/// without allocating: this runs for every styled element of a Word page.
pub(crate) fn hides(declarations: &str) -> bool {
    declarations.split(';').any(|declaration| {
        let Some((property, value)) = declaration.split_once(':') else {
            return false;
        };
        let (property, value) = (property.trim(), value.trim_start());
        HIDDEN_STYLES.iter().any(|(p, v)| {
            property.eq_ignore_ascii_case(p)
                && value
                    .get(..v.len())
                    .is_some_and(|start| start.eq_ignore_ascii_case(v))
        })
    })
}

impl HiddenRules {
    /// The rules of every `<style>` element of the page.
    pub(crate) fn of(root: &Handle) -> Self {
        let mut rules = HiddenRules::default();
        let mut stack = vec![root.clone()];
        while let Some(node) = stack.pop() {
            if tag(&node) == Some("style") {
                let mut css = String::new();
                for child in node.children.borrow().iter() {
                    if let NodeData::Text { contents } = &child.data {
                        css.push_str(&contents.borrow());
                    }
                }
                rules.add(&css);
                continue;
            }
            stack.extend(node.children.borrow().iter().cloned());
        }
        rules
    }

    fn add(&mut self, css: &str) {
        for rule in css.split('}') {
            let Some((selectors, declarations)) = rule.split_once('{') else {
                continue;
            };
            if !hides(declarations) {
                continue;
            }
            for selector in selectors.split(',') {
                let s = selector.trim();
                let simple = |name: &str| {
                    !name.is_empty()
                        && name
                            .chars()
                            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
                };
                if let Some(class) = s.strip_prefix('.').filter(|n| simple(n)) {
                    self.classes.push(class.to_string());
                } else if let Some(id) = s.strip_prefix('#').filter(|n| simple(n)) {
                    self.ids.push(id.to_string());
                }
            }
        }
    }

    /// True when a rule hides this element.
    pub(crate) fn hide(&self, node: &Handle) -> bool {
        if self.classes.is_empty() && self.ids.is_empty() {
            return false;
        }
        let by_class = attr(node, "class").is_some_and(|c| {
            c.split_whitespace()
                .any(|name| self.classes.iter().any(|h| h == name))
        });
        by_class || attr(node, "id").is_some_and(|i| self.ids.iter().any(|h| *h == i.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_rules() {
        let mut r = HiddenRules::default();
        r.add(".nav a { color: red } .hide, #decoy { DISPLAY : none } div.x { display:none }");
        assert_eq!(r.classes, ["hide"]);
        assert_eq!(r.ids, ["decoy"]);
    }

    #[test]
    fn hiding_declarations() {
        assert!(hides("color: red; DISPLAY : None !important"));
        assert!(hides("visibility:hidden"));
        assert!(hides("mso-hide: all; font-size: 12pt"));
        assert!(!hides("text-decoration: none; display: block"));
        assert!(!hides("font-family: 宋体; mso-hide: none"));
        assert!(!hides(""));
    }
}
