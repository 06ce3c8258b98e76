//! Staff users: their roles and what a valid new user looks like.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::locale::Locale;
use super::text::{EmailAddress, single_line};
use super::timezone::TimeZone;
use super::validation::{ValidationErrors, Validator, checked};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
)]
#[serde(rename_all = "lowercase")]
#[strum(
    serialize_all = "lowercase",
    parse_err_ty = String,
    parse_err_fn = unknown_role
)]
pub enum Role {
    Admin,
    Csm,
    Marketing,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

fn unknown_role(other: &str) -> String {
    format!("unknown role {other:?}: use admin, csm or marketing")
}

pub const NAME_MAX: usize = 200;
pub const PASSWORD_MIN: usize = 10;
/// Hashing cost grows with length; cap it so a login cannot be a DoS.
pub const PASSWORD_MAX: usize = 1024;

pub fn check_password(raw: &str) -> Result<(), String> {
    let n = raw.chars().count();
    if n < PASSWORD_MIN {
        return Err(format!("must be at least {PASSWORD_MIN} characters"));
    }
    if n > PASSWORD_MAX {
        return Err(format!("must be at most {PASSWORD_MAX} characters"));
    }
    Ok(())
}

/// A staff user ready to be stored (the password still in clear; it is
/// hashed just before the insert).
#[derive(Debug, Clone)]
pub struct NewStaffUser {
    pub email: EmailAddress,
    pub name: String,
    pub role: Role,
    pub timezone: TimeZone,
    /// The language of the mail they receive.
    pub locale: Locale,
    pub password: String,
}

impl NewStaffUser {
    /// A user whose mail is in English.
    pub fn parse(
        email: &str,
        name: &str,
        role: &str,
        timezone: Option<&str>,
        password: &str,
    ) -> Result<Self, ValidationErrors> {
        Self::parse_with_locale(email, name, role, timezone, None, password)
    }

    /// A user with a language (`None`: English).
    pub fn parse_with_locale(
        email: &str,
        name: &str,
        role: &str,
        timezone: Option<&str>,
        locale: Option<&str>,
        password: &str,
    ) -> Result<Self, ValidationErrors> {
        let mut v = Validator::new();
        let email = v.check("email", EmailAddress::parse(email));
        let name = v.check("name", single_line(name, NAME_MAX));
        let role = v.check("role", role.parse::<Role>());
        let timezone = v.check("timezone", TimeZone::parse(timezone.unwrap_or("UTC")));
        let locale = v.check("locale", Locale::parse_or(locale, Locale::En));
        v.check("password", check_password(password));
        v.finish()?;
        Ok(Self {
            email: checked(email, "email")?,
            name: checked(name, "name")?,
            role: checked(role, "role")?,
            timezone: checked(timezone, "timezone")?,
            locale: checked(locale, "locale")?,
            password: password.to_owned(),
        })
    }
}

/// The body of `PATCH /api/v1/users/{id}`: every field optional. Admins
/// set role, active, name, timezone and locale; users set their own name,
/// timezone, locale and (with the current one) password.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct UserPatch {
    pub name: Option<String>,
    /// IANA time zone.
    pub timezone: Option<String>,
    /// `en`, `de`, `fr`, `pt` or `ar` (a tag such as `pt-BR` is matched).
    pub locale: Option<String>,
    /// `admin`, `csm` or `marketing` (admins only).
    pub role: Option<String>,
    /// `false` deactivates the user (admins only).
    pub active: Option<bool>,
    /// A new password (the user themself, with `current_password`).
    pub password: Option<String>,
    pub current_password: Option<String>,
}

/// A checked [`UserPatch`]; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct UserChanges {
    pub name: Option<String>,
    pub timezone: Option<TimeZone>,
    pub locale: Option<Locale>,
    pub role: Option<Role>,
    pub active: Option<bool>,
    /// The new password in clear, hashed just before the update.
    pub password: Option<String>,
}

impl UserChanges {
    pub fn parse(patch: &UserPatch) -> Result<Self, ValidationErrors> {
        let mut v = Validator::new();
        let name = patch
            .name
            .as_deref()
            .and_then(|n| v.check("name", single_line(n, NAME_MAX)));
        let timezone = patch
            .timezone
            .as_deref()
            .and_then(|z| v.check("timezone", TimeZone::parse(z)));
        let locale = patch.locale.as_deref().and_then(|l| {
            v.check(
                "locale",
                Locale::parse(l).ok_or_else(|| {
                    format!("unknown locale {l:?}: use one of {}", Locale::ALL_CODES)
                }),
            )
        });
        let role = patch
            .role
            .as_deref()
            .and_then(|r| v.check("role", r.parse::<Role>()));
        if let Some(p) = &patch.password {
            v.check("password", check_password(p));
            if patch.current_password.is_none() {
                v.fail("current_password", "is required to set a new password");
            }
        }
        v.finish()?;
        Ok(Self {
            name,
            timezone,
            locale,
            role,
            active: patch.active,
            password: patch.password.clone(),
        })
    }

    /// True when the change is one only an admin may make.
    pub fn needs_admin(&self) -> bool {
        self.role.is_some() || self.active.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let err =
            NewStaffUser::parse("x", "", "boss", Some("Nowhere"), "short").expect_err("invalid");
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["email", "name", "role", "timezone", "password"]);
    }

    #[test]
    fn a_valid_user_is_normalised() {
        let u = NewStaffUser::parse(
            "Csm@Example.com",
            " Lea ",
            "csm",
            Some("Europe/Berlin"),
            "correct horse",
        )
        .expect("valid");
        assert_eq!(u.email.as_str(), "csm@example.com");
        assert_eq!(u.name, "Lea");
        assert_eq!(u.role, Role::Csm);
        assert_eq!(u.locale, Locale::En);
    }

    #[test]
    fn a_patch_checks_only_the_fields_it_names() {
        let none = UserChanges::parse(&UserPatch::default()).expect("empty patch");
        assert!(none.name.is_none() && none.role.is_none() && !none.needs_admin());
        let bad = UserPatch {
            name: Some(String::new()),
            locale: Some("xx".into()),
            role: Some("boss".into()),
            password: Some("short".into()),
            ..UserPatch::default()
        };
        let err = UserChanges::parse(&bad).expect_err("invalid");
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["name", "locale", "role", "password", "current_password"]
        );
    }
}
