//! Staff authentication: argon2 password hashes and HS256 JWTs, and the
//! [`Staff`] extractor that turns a Bearer token into a caller with a role.

pub mod booking;
mod error;
mod extractor;
pub mod feed_token;
pub mod password;
mod token;

pub use error::{AuthError, Refusal};
pub use extractor::{Staff, bearer_token, staff_user_of_token};
pub use token::{Claims, ISSUER, JwtKeys, ManageClaims};
