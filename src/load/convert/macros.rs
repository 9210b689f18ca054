//! The macros that declare the plan's shape: `word_enum!` for fixed words and `plan_struct!`
//! for parts of a plan, each giving its YAML reading, JSON Schema and shape walk.

/// Defines a closed set of words a field may take, with their YAML spelling.
macro_rules! word_enum {
    (
        $(#[doc = $doc:literal])*
        pub enum $Name:ident ($rule:literal) { $( $(#[doc = $vdoc:literal])* $Variant:ident = $word:literal ),* $(,)? }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
        pub enum $Name { $( $(#[doc = $vdoc])* #[serde(rename = $word)] $Variant ),* }

        #[allow(dead_code)]
        impl $Name {
            pub const ALL: &'static [$Name] = &[$($Name::$Variant),*];
            pub const WORDS: &'static [&'static str] = &[$($word),*];
            pub fn word(self) -> &'static str {
                match self { $($Name::$Variant => $word),* }
            }
            pub fn from_word(w: &str) -> Option<Self> {
                match w { $($word => Some($Name::$Variant),)* _ => None }
            }
        }

        impl $crate::load::convert::Blank for $Name {
            fn blank(_: $crate::diagnostic::Span) -> Self {
                Self::ALL[0]
            }
        }

        impl $crate::shape::Walk for $Name {
            fn walk<'a>(&'a self, _: &mut $crate::shape::Path, _: &mut dyn $crate::shape::Visitor<'a>) {}
        }

        impl $crate::load::convert::FromNode for $Name {
            fn from_node(
                node: &$crate::load::node::Node,
                _key: $crate::diagnostic::Span,
                cx: &mut $crate::load::convert::Cx,
            ) -> Option<Self> {
                let $crate::load::node::Kind::Str(s) = &node.kind else {
                    cx.wrong_type(node, Self::expected());
                    return None;
                };
                if let Some(v) = Self::from_word(s.trim()) {
                    return Some(v);
                }
                let hint = match $crate::load::convert::did_you_mean(s, Self::WORDS) {
                    Some(w) => format!("did you mean `{w}`?"),
                    None => format!("use one of: {}", Self::WORDS.join(", ")),
                };
                cx.error(
                    $rule,
                    node.span,
                    format!("`{}` cannot be `{}`", cx.path(), s),
                    hint,
                );
                None
            }
            fn expected() -> &'static str {
                concat!("one of:" $(, " ", $word)*)
            }
        }

        impl schemars::JsonSchema for $Name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($Name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "enum": [$($word),*],
                    "description": concat!($($doc, )* "")
                })
            }
        }
    };
}
pub(crate) use word_enum;

/// Defines one section (a mapping) of a plan: the struct, its conversion from YAML, and its
/// JSON Schema. Field kinds: `req` (must be there), `opt` (may be left out), `list` (a list
/// that may be left out; give it `#[serde(default)]` so the schema does not require it).
/// After the type: `as Kind` (what kind of text it holds), `=> "picture"` (a copy shows it as
/// it is, under the words of its name). Before the field, `@words_key`: a copy shows it as a
/// labelled line ("Why it matters: ...") under the item, or as a fact of the section.
macro_rules! plan_struct {
    (
        $(#[doc = $sdoc:literal])*
        pub struct $Name:ident $(: $($flag:ident $(($main:ident))?),+)? {
            $( $(#[$attr:meta])* $(@$label:ident)? $kind:ident $field:ident : $ty:ty $(as $tk:ident)? $(=> $pic:literal)? ),* $(,)?
        }
    ) => {
        $(#[doc = $sdoc])*
        #[derive(Debug, Clone, PartialEq, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $Name {
            /// Where this part of the plan is named.
            #[schemars(skip)]
            pub span: $crate::diagnostic::Span,
            /// Where each field's name is written, for pointing at a field as a whole.
            #[schemars(skip)]
            pub keys: Vec<(&'static str, $crate::diagnostic::Span)>,
            $( $(#[$attr])* pub $field: plan_struct!(@ty $kind $ty), )*
        }

        #[allow(dead_code)]
        impl $Name {
            /// The field names, in the order they are documented.
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The fields a copy shows as they are (declared with `=> "picture"`), in order:
            /// a list of items, of people or a text, each under the words of its own name.
            pub fn shown(&self) -> Vec<$crate::plan::Shown<'_>> {
                vec![$( $(
                    $crate::plan::Shown {
                        field: stringify!($field),
                        picture: $pic,
                        value: $crate::plan::ShowAs::show(&self.$field),
                    },
                )? )*]
            }

            /// The words keys of the fields declared `@words_key`, in order.
            pub const LABELS: &'static [&'static str] = &[$($(stringify!($label),)?)*];

            /// The fields a copy shows as labelled lines (declared `@words_key`) that have a
            /// value, in order: the key of their label, and the value with its kind.
            pub fn labelled(&self) -> Vec<$crate::plan::Labelled<'_>> {
                // (Parts with no labelled field use neither.)
                #[allow(unused_variables, unused_mut)]
                let (this, mut out) = (self, Vec::new());
                $( plan_struct!(@labelled out this $field [$($label)?] [$($tk)?]); )*
                out
            }

            /// Where a field's name is written, or where this part starts.
            pub fn key_span(&self, field: &str) -> $crate::diagnostic::Span {
                self.keys
                    .iter()
                    .find(|(k, _)| *k == field)
                    .map_or(self.span, |(_, s)| *s)
            }
        }

        impl $crate::load::convert::FromNode for $Name {
            fn from_node(
                node: &$crate::load::node::Node,
                key: $crate::diagnostic::Span,
                cx: &mut $crate::load::convert::Cx,
            ) -> Option<Self> {
                let entries = cx.mapping(node, Self::FIELDS)?;
                let keys = $crate::load::convert::key_spans(entries, Self::FIELDS);
                $( let $field = plan_struct!(@get $kind cx entries key $field $ty); )*
                Some($Name { span: key, keys, $( $field: plan_struct!(@unwrap $kind $field, $ty, key), )* })
            }
            fn expected() -> &'static str {
                "fields"
            }
        }

        impl $crate::load::convert::Blank for $Name {
            fn blank(span: $crate::diagnostic::Span) -> Self {
                $Name { span, keys: Vec::new(), $( $field: plan_struct!(@blank $kind $ty, span), )* }
            }
        }

        impl $crate::shape::Walk for $Name {
            fn walk<'a>(
                &'a self,
                path: &mut $crate::shape::Path,
                v: &mut dyn $crate::shape::Visitor<'a>,
            ) {
                let this = self;
                $($( plan_struct!(@flag this path v $flag $($main)?); )+)?
                $(
                    let back = path.field(stringify!($field));
                    plan_struct!(@walk this path v $field $($tk)?);
                    path.back(back);
                )*
            }
        }
    };
    // The person's choice about who sees this part.
    (@flag $this:ident $path:ident $v:ident chosen) => {
        $v.choice($path.as_str(), $crate::shape::Chosen::choice($this));
    };
    // An idea of the easy-read copy: its main text, easy-read version and picture.
    (@flag $this:ident $path:ident $v:ident pictured $main:ident) => {
        $v.pictured(
            $path.as_str(),
            $crate::shape::Pictured {
                text: &$this.$main,
                easy_read: $this.easy_read.as_ref(),
                picture: $this.picture.as_ref(),
            },
        );
    };
    // A text field says what kind of text it holds; any other part is walked into.
    (@walk $this:ident $path:ident $v:ident $field:ident $tk:ident) => {
        $crate::shape::TextField::visit(&$this.$field, $path, $v, $crate::shape::Kind::$tk);
    };
    (@walk $this:ident $path:ident $v:ident $field:ident) => {
        $crate::shape::Walk::walk(&$this.$field, $path, $v);
    };
    // A field declared `@words_key`: its labelled line, when it has a value.
    (@labelled $out:ident $this:ident $field:ident [] [$($tk:ident)?]) => {};
    (@labelled $out:ident $this:ident $field:ident [$label:ident] [$($tk:ident)?]) => {
        if let Some(value) =
            $crate::plan::AsLabelled::labelled(&$this.$field, plan_struct!(@kind $($tk)?))
        {
            $out.push($crate::plan::Labelled { field: stringify!($field), label: stringify!($label), value });
        }
    };
    (@kind $tk:ident) => { Some($crate::shape::Kind::$tk) };
    (@kind) => { None };
    (@blank req $ty:ty, $span:ident) => { <$ty as $crate::load::convert::Blank>::blank($span) };
    (@blank opt $ty:ty, $span:ident) => { None };
    (@blank list $ty:ty, $span:ident) => { Vec::new() };
    (@ty req $ty:ty) => { $ty };
    (@ty opt $ty:ty) => { Option<$ty> };
    (@ty list $ty:ty) => { $ty };
    (@get req $cx:ident $entries:ident $key:ident $field:ident $ty:ty) => {
        $cx.req::<$ty>($entries, stringify!($field), $key)
    };
    (@get opt $cx:ident $entries:ident $key:ident $field:ident $ty:ty) => {
        $cx.opt::<$ty>($entries, stringify!($field))
    };
    (@get list $cx:ident $entries:ident $key:ident $field:ident $ty:ty) => {
        $cx.opt::<$ty>($entries, stringify!($field)).unwrap_or_default()
    };
    // A required field that could not be read gets a blank, so the rest of this part is
    // still checked; the field is noted as unread.
    (@unwrap req $field:ident, $ty:ty, $key:ident) => {
        $field.unwrap_or_else(|| <$ty as $crate::load::convert::Blank>::blank($key))
    };
    (@unwrap opt $field:ident, $ty:ty, $key:ident) => { $field };
    (@unwrap list $field:ident, $ty:ty, $key:ident) => { $field };
}
pub(crate) use plan_struct;
