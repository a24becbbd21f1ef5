//! JSON Schemas of the three tables, built from the label tables so that
//! every row and column key of each layout is listed exactly.

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Map, Value as Json};

use crate::{
    ActiveDisclosure, Applicant, ApplicationRow, Applications, DisclosureRow, Layout,
    LitigationBlock, Outcome, ReviewLitigation,
};

/// An object with exactly these keys, each a number or null.
fn values_object<'a>(keys: impl Iterator<Item = (&'a str, &'a str)>) -> Json {
    let mut props = Map::new();
    let mut required = Vec::new();
    for (key, label) in keys {
        props.insert(
            key.to_string(),
            json!({ "description": label, "type": ["number", "null"] }),
        );
        required.push(Json::from(key));
    }
    json!({ "type": "object", "properties": props, "required": required, "additionalProperties": false })
}

fn to_schema(value: Json) -> Schema {
    Schema::try_from(value).unwrap_or_default()
}

const LAYOUTS: [Layout; 2] = [Layout::V2021, Layout::V2019];

impl JsonSchema for ActiveDisclosure {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ActiveDisclosure".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let variants: Vec<Json> = LAYOUTS
            .iter()
            .map(|layout| {
                let mut props = Map::new();
                let mut required = vec![Json::from("layout")];
                props.insert("layout".into(), json!({ "const": layout.as_str() }));
                for row in DisclosureRow::for_layout(*layout) {
                    let fields = row
                        .fields(*layout)
                        .iter()
                        .map(|f| (f.key(), f.label_in(*layout)));
                    let mut obj = values_object(fields);
                    if let Some(o) = obj.as_object_mut() {
                        o.insert("description".into(), Json::from(row.label_in(*layout)));
                    }
                    props.insert(row.key().into(), obj);
                    required.push(Json::from(row.key()));
                }
                json!({ "type": "object", "properties": props, "required": required, "additionalProperties": false })
            })
            .collect();
        to_schema(
            json!({ "description": "Table 二 (主动公开政府信息情况), by layout.", "oneOf": variants }),
        )
    }
}

impl JsonSchema for Applications {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Applications".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let row_object = values_object(Applicant::ALL.iter().map(|a| (a.key(), a.label())));
        let variants: Vec<Json> = LAYOUTS
            .iter()
            .map(|layout| {
                let mut rows = Map::new();
                let mut required = Vec::new();
                for row in ApplicationRow::for_layout(*layout) {
                    let mut obj = row_object.clone();
                    if let Some(o) = obj.as_object_mut() {
                        o.insert("description".into(), Json::from(row.full_label()));
                    }
                    rows.insert(row.key().into(), obj);
                    required.push(Json::from(row.key()));
                }
                json!({
                    "type": "object",
                    "properties": {
                        "layout": { "const": layout.as_str() },
                        "rows": { "type": "object", "properties": rows, "required": required, "additionalProperties": false }
                    },
                    "required": ["layout", "rows"],
                    "additionalProperties": false
                })
            })
            .collect();
        to_schema(
            json!({ "description": "Table 三 (收到和处理政府信息公开申请情况), by layout.", "oneOf": variants }),
        )
    }
}

impl JsonSchema for ReviewLitigation {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ReviewLitigation".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let block = values_object(Outcome::ALL.iter().map(|o| (o.key(), o.label())));
        let mut props = Map::new();
        for b in LitigationBlock::ALL {
            let mut obj = block.clone();
            if let Some(o) = obj.as_object_mut() {
                o.insert("description".into(), Json::from(b.label()));
            }
            props.insert(b.key().into(), obj);
        }
        let required: Vec<Json> = LitigationBlock::ALL
            .iter()
            .map(|b| Json::from(b.key()))
            .collect();
        to_schema(json!({
            "description": "Table 四 (政府信息公开行政复议、行政诉讼情况).",
            "type": "object", "properties": props, "required": required, "additionalProperties": false
        }))
    }
}
