use serde_json::{Value, json};

use super::parse::{date, integer, number};
use super::*;
use crate::messages::Code;
use crate::web::texts::DE;

fn t() -> &'static FormTexts {
    DE.forms
}

fn posted(pairs: &[(&str, &str)]) -> Posted {
    Posted::new(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    )
}

fn fields(form: &SchemaForm) -> Vec<&FieldView> {
    form.items
        .iter()
        .filter_map(|i| match i {
            Item::Field(f) => Some(f),
            _ => None,
        })
        .collect()
}

fn field<'a>(form: &'a SchemaForm, name: &str) -> &'a FieldView {
    fields(form)
        .into_iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

fn order() -> Presentation {
    Presentation::ordered(Order::from_text(crate::rules::forms::base_text(
        crate::plugins::FormKind::FundApplication,
    )))
}

fn base() -> Value {
    crate::rules::forms::base(crate::plugins::FormKind::FundApplication)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .schema
}

#[test]
fn the_base_fund_application_becomes_labelled_fields_named_by_pointer() {
    let form = SchemaForm::empty(&base(), &order(), t());
    // In the order the base schema is written, not by name.
    let names: Vec<&str> = fields(&form)
        .iter()
        .map(|f| f.name.as_str())
        .take(4)
        .collect();
    assert_eq!(
        names,
        [
            "/title",
            "/description",
            "/amount_cents",
            "/cofinancing_cents"
        ]
    );
    // Inside objects and the rows of lists too.
    let inner: Vec<&str> = fields(&form)
        .iter()
        .map(|f| f.name.as_str())
        .filter(|n| n.starts_with("/applicant/") || n.starts_with("/cost_items/0/"))
        .collect();
    assert_eq!(
        inner,
        [
            "/applicant/kind",
            "/applicant/name",
            "/applicant/members",
            "/applicant/contact_email",
            "/applicant/contact_phone",
            "/cost_items/0/label",
            "/cost_items/0/amount_cents"
        ]
    );
    // Without the written order the members come by name, and nothing fails.
    let sorted = SchemaForm::empty(
        &base(),
        &Presentation::ordered(Order::from_text("kein JSON")),
        t(),
    );
    assert_eq!(fields(&sorted)[0].name, "/amount_cents");
    let title = field(&form, "/title");
    assert_eq!(title.label, "Titel des Vorhabens");
    assert!(title.required && title.is("text"));
    assert!(field(&form, "/description").is("textarea"));
    assert!(field(&form, "/amount_cents").is("integer"));
    assert!(!field(&form, "/cofinancing_cents").required);
    assert!(field(&form, "/schedule/start").is("date"));
    assert!(field(&form, "/schedule/start").required);
    assert!(field(&form, "/applicant/contact_email").is("email"));
    assert!(field(&form, "/applicant/contact_phone").is("tel"));
    let kind = field(&form, "/applicant/kind");
    assert!(kind.is("select"));
    assert_eq!(kind.options.len(), 4);
    // The applicant's kind reads in German, not as its stored key.
    let einzelperson = kind.options.iter().find(|o| o.value == "einzelperson");
    assert_eq!(
        einzelperson.map(|o| o.label.as_str()),
        Some("Bewohnerin oder Bewohner")
    );
    // Two empty rows of each list of objects, with their fields inside.
    assert!(field(&form, "/cost_items/1/amount_cents").is("integer"));
    assert!(!field(&form, "/cost_items/0/label").required);
    assert_eq!(
        field(&form, "/cost_items/1/label").summary_label,
        "Kostenposition 2: Wofür?"
    );
    assert!(
        fields(&form)
            .iter()
            .all(|f| f.name != "/cost_items/2/label")
    );
    assert!(field(&form, "/schedule/milestones/0/date").is("date"));
    // Ids are unique.
    let mut ids: Vec<&str> = fields(&form).iter().map(|f| f.id.as_str()).collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count);
}

#[test]
fn one_of_with_titles_gives_labels_and_arrays_of_choices_give_checkboxes() {
    let schema = json!({"type": "object", "properties": {
        "goal": {"type": "string", "title": "Ziel",
                 "oneOf": [{"const": "a", "title": "Alpha"}, {"const": "b", "title": "Beta"}]},
        "partners": {"type": "array", "items": {"type": "string", "enum": ["x", "y"]}},
        "names": {"type": "array", "items": {"type": "string"}},
        "scores": {"type": "array", "items": {"type": "integer"}},
        "flag": {"type": "boolean", "title": "Ja?"}
    }, "required": ["flag", "goal"]});
    let form = SchemaForm::empty(&schema, &Presentation::default(), t());
    let goal = field(&form, "/goal");
    assert_eq!(goal.options[1].label, "Beta");
    assert_eq!(goal.options[1].value, "b");
    assert!(field(&form, "/partners").is("checkboxes"));
    assert!(field(&form, "/names").is("lines"));
    assert!(fields(&form).iter().all(|f| f.name != "/scores"));
    // A checkbox is never marked required: unticked is an answer.
    assert!(!field(&form, "/flag").required);

    let parsed = SchemaForm::parse(
        &schema,
        &order(),
        &posted(&[
            ("/goal", "b"),
            ("/partners", "x"),
            ("/partners", "y"),
            ("/names", " Schule \r\n\r\nKita\n"),
        ]),
        t(),
    );
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(
        parsed.value,
        json!({"goal": "b", "partners": ["x", "y"], "names": ["Schule", "Kita"], "flag": false})
    );
}

#[test]
fn numbers_are_parsed_strictly_and_a_bad_one_is_a_german_field_error() {
    assert_eq!(integer("35000"), Some(35000));
    assert_eq!(integer("-7"), Some(-7));
    for bad in [
        "",
        "3,5",
        "1.000",
        "12 €",
        "1e3",
        "--1",
        "99999999999999999999",
    ] {
        assert_eq!(integer(bad), None, "{bad}");
    }
    assert_eq!(number("12,5").and_then(|n| n.as_f64()), Some(12.5));
    assert_eq!(number("-0.25").and_then(|n| n.as_f64()), Some(-0.25));
    assert_eq!(number("7").and_then(|n| n.as_i64()), Some(7));
    for bad in ["", ",5", "5,", "1,2,3", "1.2.3", "NaN", "inf", "5 m"] {
        assert!(number(bad).is_none(), "{bad}");
    }
    let parsed = SchemaForm::parse(
        &base(),
        &order(),
        &posted(&[
            ("/amount_cents", "350 Euro"),
            ("/cofinancing_cents", " 100 "),
        ]),
        t(),
    );
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(parsed.errors[0].pointer, "/amount_cents");
    assert!(parsed.errors[0].detail.contains("ganze Zahl"));
    assert_eq!(parsed.value["cofinancing_cents"], json!(100));
    assert!(parsed.value.get("amount_cents").is_none());
    // What was entered is kept to be shown again.
    assert_eq!(parsed.raw["/amount_cents"], vec!["350 Euro".to_owned()]);
}

#[test]
fn nested_names_build_objects_and_empty_optional_groups_are_left_out() {
    let parsed = SchemaForm::parse(
        &base(),
        &order(),
        &posted(&[
            ("/title", "  Hoffest  "),
            ("/schedule/start", "1.6.2027"),
            ("/schedule/end", "2027-06-30"),
            ("/applicant/name", "Initiative Hof"),
            ("/applicant/kind", "initiative"),
            ("/applicant/members", ""),
            ("/unknown", "wird ignoriert"),
            ("website", ""),
        ]),
        t(),
    );
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(
        parsed.value,
        json!({
            "title": "Hoffest",
            "schedule": {"start": "2027-06-01", "end": "2027-06-30"},
            "applicant": {"kind": "initiative", "name": "Initiative Hof"}
        })
    );
    assert_eq!(date("01.12.2027"), "2027-12-01");
    assert_eq!(date("1.2.27"), "1.2.27");
}

#[test]
fn rows_are_renumbered_without_the_empty_ones_and_shown_again_with_one_more() {
    let schema = base();
    let parsed = SchemaForm::parse(
        &schema,
        &order(),
        &posted(&[
            ("/cost_items/0/label", ""),
            ("/cost_items/0/amount_cents", ""),
            ("/cost_items/1/label", "Miete"),
            ("/cost_items/1/amount_cents", "zehn"),
            ("/cost_items/4/label", "Plakate"),
            ("/cost_items/4/amount_cents", "3500"),
        ]),
        t(),
    );
    assert_eq!(
        parsed.value["cost_items"],
        json!([{"label": "Miete"}, {"label": "Plakate", "amount_cents": 3500}])
    );
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(parsed.errors[0].pointer, "/cost_items/0/amount_cents");
    assert_eq!(
        parsed.raw["/cost_items/1/label"],
        vec!["Plakate".to_owned()]
    );
    let form = SchemaForm::new(&schema, &order(), &parsed.raw, &parsed.errors, t());
    assert_eq!(field(&form, "/cost_items/0/amount_cents").value, "zehn");
    assert!(field(&form, "/cost_items/0/amount_cents").error.is_some());
    assert_eq!(field(&form, "/cost_items/2/label").value, "");
    assert!(
        fields(&form)
            .iter()
            .all(|f| f.name != "/cost_items/3/label")
    );
}

#[test]
fn errors_go_to_their_field_the_innermost_group_or_the_summary() {
    let errors = [
        FieldError::new("/applicant/name", Code::Required),
        FieldError::new("/schedule/milestones/0/date", Code::Invalid),
        FieldError::new("/schedule", Code::Invalid),
        FieldError::new("/schedule/nicht_da", Code::Invalid),
        FieldError::new("/title", Code::Required),
        FieldError::new("", Code::FormInvalid),
        FieldError::new("/gibt_es_nicht", Code::UnknownField),
    ];
    let form = SchemaForm::new(&base(), &order(), &Raw::new(), &errors, t());
    assert!(field(&form, "/applicant/name").error.is_some());
    assert!(field(&form, "/schedule/milestones/0/date").error.is_some());
    assert!(field(&form, "/title").error.is_some());
    assert!(field(&form, "/description").error.is_none());
    let schedule = form.items.iter().find_map(|i| match i {
        Item::Open(g) if g.id == "feld-schedule" => Some(g),
        _ => None,
    });
    assert_eq!(
        schedule.and_then(|g| g.error.as_deref()),
        Some(Code::Invalid.de())
    );
    let hrefs: Vec<&str> = form.summary.iter().map(|l| l.href.as_str()).collect();
    assert_eq!(
        hrefs,
        [
            "#feld-title",
            "#feld-schedule",
            "#feld-schedule-milestones-0-date",
            "#feld-applicant-name",
            "",
            ""
        ]
    );
    let name = field(&form, "/applicant/name");
    assert_eq!(
        name.described_by(),
        "hinweis-applicant-name fehler-applicant-name"
    );
}

#[test]
fn a_deep_or_huge_schema_is_cut_off_without_failing() {
    let mut deep = json!({"type": "string", "title": "Blatt"});
    for i in 0..300 {
        deep = json!({"type": "object", "title": format!("Ebene {i}"), "properties": {"x": deep}});
    }
    let schema =
        json!({"type": "object", "properties": {"tief": deep, "oben": {"type": "string"}}});
    let form = SchemaForm::empty(&schema, &Presentation::default(), t());
    assert!(form.truncated);
    assert!(fields(&form).iter().any(|f| f.name == "/oben"));
    let parsed = SchemaForm::parse(&schema, &order(), &posted(&[("/oben", "da")]), t());
    assert_eq!(parsed.value, json!({"oben": "da"}));
    // Dropping the schema must not overflow the stack either.
    drop(schema);

    let many: serde_json::Map<String, Value> = (0..5_000)
        .map(|i| (format!("f{i}"), json!({"type": "string"})))
        .collect();
    let schema = json!({"type": "object", "properties": many});
    let form = SchemaForm::empty(&schema, &Presentation::default(), t());
    assert!(form.truncated);
    assert_eq!(fields(&form).len(), MAX_FIELDS);

    let options: Vec<Value> = (0..5_000).map(|i| json!(format!("o{i}"))).collect();
    let schema = json!({"type": "object", "properties": {"e": {"enum": options}}});
    let form = SchemaForm::empty(&schema, &Presentation::default(), t());
    assert_eq!(field(&form, "/e").options.len(), MAX_OPTIONS);
}

#[test]
fn unsupported_constructs_are_left_out_and_odd_names_stay_safe() {
    let schema = json!({"type": "object", "properties": {
        "ref": {"$ref": "#/$defs/x"},
        "tuple": {"type": "array", "prefixItems": [{"type": "string"}]},
        "nothing": true,
        "a/b c\"<x>": {"type": ["string", "null"], "title": "<b>Titel</b>"},
        "weird": {"type": "zahl"},
        "org": {"type": "string", "format": "uuid"}
    }, "allOf": [{"if": true}]});
    let form = SchemaForm::empty(&schema, &Presentation::default(), t());
    let odd = field(&form, "/a~1b c\"<x>");
    assert_eq!(odd.id, "feld-a-1b-c--x-");
    assert_eq!(odd.label, "<b>Titel</b>");
    // A `$ref` without a type is shown as text (the check on submission judges it).
    assert!(field(&form, "/ref").is("text"));
    for absent in ["/weird", "/nothing", "/org", "/tuple"] {
        assert!(fields(&form).iter().all(|f| f.name != absent), "{absent}");
    }
    let parsed = SchemaForm::parse(&schema, &order(), &posted(&[("/a~1b c\"<x>", "v")]), t());
    assert_eq!(parsed.value, json!({"a/b c\"<x>": "v"}));
}

/// The self-evaluation's rating: 1 to 5 points *or* a degree of fulfilment, as one select.
#[test]
fn a_rating_of_points_or_a_degree_is_one_select_and_keeps_its_type() {
    let schema = crate::rules::forms::base(crate::plugins::FormKind::SelfEvaluation)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .schema;
    let look = Presentation::ordered(Order::from_text(crate::rules::forms::base_text(
        crate::plugins::FormKind::SelfEvaluation,
    )));
    let form = SchemaForm::empty(&schema, &look, t());
    let rating = field(&form, "/items/0/rating");
    let options: Vec<(&str, &str)> = rating
        .options
        .iter()
        .map(|o| (o.value.as_str(), o.label.as_str()))
        .filter(|(v, _)| !v.is_empty())
        .collect();
    assert_eq!(options.len(), 8, "{options:?}");
    assert_eq!(options[0], ("1", "Punkte 1"));
    assert!(options.contains(&("teilweise_erfuellt", "teilweise erfüllt")));

    let sent = posted(&[
        ("/year", "2025"),
        ("/items/0/criterion", "Beteiligung"),
        ("/items/0/rating", "4"),
        ("/items/1/criterion", "Vernetzung"),
        ("/items/1/rating", "teilweise_erfuellt"),
    ]);
    let parsed = SchemaForm::parse(&schema, &look, &sent, t());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(parsed.value["items"][0]["rating"], json!(4));
    assert_eq!(
        parsed.value["items"][1]["rating"],
        json!("teilweise_erfuellt")
    );
}

#[test]
fn a_wide_or_open_alternative_is_no_closed_list() {
    let wide = json!({"oneOf": [{"type": "integer", "minimum": 1, "maximum": 100}]});
    assert!(super::leaf::choices(&wide).is_none());
    let open = json!({"oneOf": [{"const": "a"}, {"type": "string"}]});
    assert!(super::leaf::choices(&open).is_none());
}
