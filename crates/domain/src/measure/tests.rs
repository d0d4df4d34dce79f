use super::*;

fn amount(text: &str) -> Amount {
    Amount::parse(text).unwrap()
}

fn target(text: &str, target_type: TargetType) -> Target {
    Target::new(amount(text), target_type).unwrap()
}

#[test]
fn met_and_credit_table() {
    use TargetType::*;
    // (target, type, value, met, credit)
    let cases = [
        ("5", AtLeast, "5", true, 1.0),
        ("5", AtLeast, "7.5", true, 1.0),
        ("5", AtLeast, "4", false, 0.8),
        ("5", AtLeast, "0", false, 0.0),
        ("2", AtMost, "0", true, 1.0),
        ("2", AtMost, "2", true, 1.0),
        ("2", AtMost, "3", false, 0.5),
        ("2", AtMost, "4", false, 0.0),
        ("2", AtMost, "5", false, 0.0),
        ("0", AtMost, "0", true, 1.0),
        ("0", AtMost, "0.001", false, 0.0),
    ];
    for (goal, target_type, value, met, credit) in cases {
        let target = target(goal, target_type);
        assert_eq!(
            target.is_met(amount(value)),
            met,
            "{goal} {target_type:?} {value}"
        );
        assert!((target.credit(amount(value)) - credit).abs() < 1e-12);
    }
}

#[test]
fn an_at_least_target_must_be_above_zero() {
    let errors = Target::new(Amount::ZERO, TargetType::AtLeast).unwrap_err();
    assert_eq!(errors.get("target").unwrap().key, "error-target-positive");
    assert!(Target::new(Amount::ZERO, TargetType::AtMost).is_ok());
}

#[test]
fn codes_round_trip() {
    for target_type in [TargetType::AtLeast, TargetType::AtMost] {
        assert_eq!(TargetType::from_code(target_type.code()), Some(target_type));
    }
    assert_eq!(TargetType::from_code("exactly"), None);
    assert_eq!(HabitKind::Boolean.code(), "boolean");
}

#[test]
fn units_are_one_to_twenty_characters() {
    assert_eq!(Unit::parse(" km ").unwrap().as_str(), "km");
    assert!(Unit::parse("").is_err());
    assert!(Unit::parse(&"x".repeat(20)).is_ok());
    assert!(Unit::parse(&"x".repeat(21)).is_err());
}

#[test]
fn check_in_values_belong_to_measurable_dones_only() {
    let measurable = HabitKind::Measurable(Measure {
        unit: Unit::parse("km").unwrap(),
        target: target("5", TargetType::AtLeast),
    });
    let value = Some(amount("3"));
    let field_key = |result: Result<(), FieldErrors>| {
        let errors = result.unwrap_err();
        let (field, message) = errors.iter().next().unwrap();
        (field.to_owned(), message.key.clone())
    };
    assert_eq!(
        check_checkin_value(&measurable, CheckinKind::Done, value),
        Ok(())
    );
    assert_eq!(
        check_checkin_value(&measurable, CheckinKind::Skipped, None),
        Ok(())
    );
    assert_eq!(
        check_checkin_value(&HabitKind::Boolean, CheckinKind::Done, None),
        Ok(())
    );
    assert_eq!(
        field_key(check_checkin_value(&measurable, CheckinKind::Done, None)),
        ("value".into(), "error-required".into())
    );
    assert_eq!(
        field_key(check_checkin_value(
            &HabitKind::Boolean,
            CheckinKind::Done,
            value
        )),
        ("value".into(), "error-value-not-for-boolean".into())
    );
    assert_eq!(
        field_key(check_checkin_value(
            &measurable,
            CheckinKind::Skipped,
            value
        )),
        ("value".into(), "error-value-not-for-skip".into())
    );
}

#[test]
fn kinds_parse_from_json_and_forms_naming_each_field() {
    use serde_json::json;
    assert_eq!(
        HabitKind::parse(None, None, None, None),
        Ok(HabitKind::Boolean)
    );
    let from_json = HabitKind::parse(
        Some("measurable"),
        Some("km"),
        Some(&json!(5.5)),
        Some("at_least"),
    )
    .unwrap();
    assert_eq!(from_json.target(), Some(target("5.5", TargetType::AtLeast)));
    let from_form = HabitKind::parse(
        Some("measurable"),
        Some("cigarettes"),
        Some(&json!("0")),
        Some("at_most"),
    )
    .unwrap();
    assert_eq!(from_form.target(), Some(target("0", TargetType::AtMost)));
    let fields = |errors: FieldErrors| -> Vec<(String, String)> {
        errors
            .iter()
            .map(|(field, message)| (field.to_owned(), message.key.clone()))
            .collect()
    };
    assert_eq!(
        fields(HabitKind::parse(Some("counted"), None, None, None).unwrap_err()),
        [("kind".to_owned(), "error-choice".to_owned())]
    );
    assert_eq!(
        fields(
            HabitKind::parse(
                Some("measurable"),
                Some(""),
                Some(&json!("3")),
                Some("most")
            )
            .unwrap_err()
        ),
        [
            ("target_type".to_owned(), "error-choice".to_owned()),
            ("unit".to_owned(), "error-required".to_owned()),
        ]
    );
    assert_eq!(
        fields(
            HabitKind::parse(Some("measurable"), Some("km"), Some(&json!(true)), None).unwrap_err()
        ),
        [
            ("target".to_owned(), "error-amount-number".to_owned()),
            ("target_type".to_owned(), "error-required".to_owned()),
        ]
    );
    assert_eq!(
        fields(
            HabitKind::parse(
                Some("measurable"),
                Some("km"),
                Some(&json!(0)),
                Some("at_least")
            )
            .unwrap_err()
        ),
        [("target".to_owned(), "error-target-positive".to_owned())]
    );
    assert_eq!(
        fields(
            HabitKind::parse(Some("measurable"), Some("km"), None, Some("at_least")).unwrap_err()
        ),
        [("target".to_owned(), "error-required".to_owned())]
    );
}

#[test]
fn a_yes_no_habit_ignores_a_number_target_but_refuses_another_type() {
    use serde_json::json;
    assert_eq!(
        HabitKind::parse(Some("boolean"), None, Some(&json!(5)), None),
        Ok(HabitKind::Boolean)
    );
    assert_eq!(
        HabitKind::parse(None, Some(""), Some(&json!("")), Some("")),
        Ok(HabitKind::Boolean),
        "a form's empty fields"
    );
    let refused = HabitKind::parse(None, None, Some(&json!({})), None).unwrap_err();
    assert_eq!(
        refused.get("target").map(|m| m.key.as_str()),
        Some("error-amount-number")
    );
}
