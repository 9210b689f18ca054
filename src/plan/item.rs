//! An item: one point of a list, as plain text or with its easy-read version, picture, crisis
//! card form and the person's choice about who sees it.

use super::*;

item_struct! {
    /// An item written in full: its text, a simpler version and a picture.
    pub struct ItemFields {
        /// The text.
        req text: Text as Text,
        /// A simpler version for the easy-read copy.
        opt easy_read: Text as Easy,
        /// A picture name (see `ourplan pictures`).
        opt picture: Text as Picture,
        /// A short form for the crisis card, used there instead of the text.
        opt card: Text as Text,
    }
}

/// An item in a list: plain text, or `text` with `easy_read`, `picture` and `card`.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub span: Span,
    pub text: Text,
    pub easy_read: Option<Text>,
    pub picture: Option<Text>,
    /// The crisis card's short form.
    pub card: Option<Text>,
    pub private: Option<Sp<bool>>,
    pub not_for: Vec<Text>,
    pub only_for: Vec<Text>,
}

impl Chosen for Item {
    fn choice(&self) -> Choice<'_> {
        Choice {
            private: self.private.as_ref().is_some_and(|p| p.value),
            not_for: &self.not_for,
            only_for: &self.only_for,
        }
    }
}

impl FromNode for Item {
    fn from_node(node: &Node, key: Span, cx: &mut Cx) -> Option<Self> {
        // `- I have three kids: Ali, Sara`: a line of text with a colon in it, read by YAML
        // as a field. Say so once, with the fix, rather than "no `text`" and "unknown field".
        if let NodeKind::Map(entries) = &node.kind
            && let [(k, v)] = &entries[..]
            && let NodeKind::Str(name) = &k.kind
            && !ItemFields::FIELDS.contains(&name.as_str())
            && (crate::load::convert::looks_like_text(name)
                || crate::load::convert::did_you_mean(name, ItemFields::FIELDS).is_none())
        {
            let value = match &v.kind {
                NodeKind::Str(s) => Some(s.clone()),
                NodeKind::Int(i) => Some(i.to_string()),
                NodeKind::Float(f) => Some(f.to_string()),
                NodeKind::Bool(b) => Some(b.to_string()),
                _ => None,
            };
            cx.error(
                "unknown-field",
                k.span,
                format!(
                    "`{}` is read as a field called `{}`, because of the colon after it",
                    cx.path(),
                    name.trim()
                ),
                crate::load::convert::quote_hint(name, value.as_deref()),
            );
            return None;
        }
        match node.kind {
            NodeKind::Map(_) => ItemFields::from_node(node, key, cx).map(|f| Item {
                span: f.span,
                // `only_for: []` is for nobody else: private.
                private: if f.only_for.is_empty() && f.keys.iter().any(|(k, _)| *k == "only_for") {
                    Some(Sp {
                        value: true,
                        span: f.key_span("only_for"),
                    })
                } else {
                    f.private
                },
                text: f.text,
                easy_read: f.easy_read,
                picture: f.picture,
                card: f.card,
                not_for: f.not_for,
                only_for: f.only_for,
            }),
            _ => Text::from_node(node, key, cx).map(|text| Item {
                span: node.span,
                text,
                easy_read: None,
                picture: None,
                card: None,
                private: None,
                not_for: Vec::new(),
                only_for: Vec::new(),
            }),
        }
    }
    fn expected() -> &'static str {
        "text, or `text:` with `easy_read:`, `picture:` and `card:`"
    }
}

impl JsonSchema for Item {
    fn schema_name() -> Cow<'static, str> {
        "Item".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let full = generator.subschema_for::<ItemFields>();
        json_schema!({
            "description": "Plain text, or `text` with `easy_read`, `picture` and `card`.",
            "anyOf": [{"type": "string"}, full]
        })
    }
}

impl Walk for Item {
    fn walk<'a>(&'a self, path: &mut Path, v: &mut dyn Visitor<'a>) {
        v.choice(path.as_str(), self.choice());
        v.pictured(
            path.as_str(),
            Pictured {
                text: &self.text,
                easy_read: self.easy_read.as_ref(),
                picture: self.picture.as_ref(),
            },
        );
        // The text is the item's own: `- text` or `text:`, named by the item's place.
        self.text.visit(path, v, Kind::Text);
        for (name, field, kind) in [
            ("easy_read", &self.easy_read, Kind::Easy),
            ("picture", &self.picture, Kind::Picture),
            ("card", &self.card, Kind::Text),
        ] {
            let back = path.field(name);
            field.visit(path, v, kind);
            path.back(back);
        }
        for (name, list) in [("not_for", &self.not_for), ("only_for", &self.only_for)] {
            let back = path.field(name);
            list.visit(path, v, Kind::Recipient);
            path.back(back);
        }
    }
}
