//! Staff users: their roles and what a valid new user looks like.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::text::{EmailAddress, single_line};
use super::timezone::TimeZone;
use super::validation::{ValidationErrors, Validator, checked};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Csm,
    Marketing,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Csm => "csm",
            Self::Marketing => "marketing",
        }
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "admin" => Ok(Self::Admin),
            "csm" => Ok(Self::Csm),
            "marketing" => Ok(Self::Marketing),
            other => Err(format!(
                "unknown role {other:?}: use admin, csm or marketing"
            )),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
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
    pub password: String,
}

impl NewStaffUser {
    pub fn parse(
        email: &str,
        name: &str,
        role: &str,
        timezone: Option<&str>,
        password: &str,
    ) -> Result<Self, ValidationErrors> {
        let mut v = Validator::new();
        let email = v.check("email", EmailAddress::parse(email));
        let name = v.check("name", single_line(name, NAME_MAX));
        let role = v.check("role", role.parse::<Role>());
        let timezone = v.check("timezone", TimeZone::parse(timezone.unwrap_or("UTC")));
        v.check("password", check_password(password));
        v.finish()?;
        Ok(Self {
            email: checked(email, "email")?,
            name: checked(name, "name")?,
            role: checked(role, "role")?,
            timezone: checked(timezone, "timezone")?,
            password: password.to_owned(),
        })
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
    }
}
