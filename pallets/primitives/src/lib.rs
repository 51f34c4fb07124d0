//! # Civitas primitives
//!
//! The shared vocabulary of Civitas: identifiers, the capabilities an agency may hold, and the
//! traits through which domain pallets ask each other questions without touching each other's
//! storage. This crate has no storage of its own.
//!
//! ## Terminology
//! - **Agency**: a member of the consortium (a bureau, a court, a bank…), admitted by vote.
//! - **Capability**: what an agency may do on chain, granted and revoked by vote.
//! - **Staff**: the accounts of an agency: admins (who vote and manage officers) and officers.
//! - **Subject**: a natural or legal person about whom agencies write facts.
//! - **Enrolled account**: a citizen's or company's account, admitted to transact by an agency
//!   that holds [`Capability::RegisterPersons`].

#![cfg_attr(not(feature = "std"), no_std)]

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::pallet_prelude::{DispatchError, DispatchResult};
use scale_info::TypeInfo;

/// Identifier of an agency, assigned in order of admission.
pub type AgencyId = u32;
/// A subject (person or company): 32 bytes chosen by the registering agency, not an account.
pub type PersonId = sp_core::H256;
/// Administrative division code of a city (e.g. 320100).
pub type CityCode = u32;
/// Identifier of a licence type.
pub type LicenceTypeId = u32;

/// What an agency may do on chain.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum Capability {
	/// Register natural and legal persons, and enrol their accounts.
	RegisterPersons,
	/// Attest relations between persons (parent-of, spouse-of, …).
	AttestRelations,
	/// Issue, suspend and revoke licences of one type.
	IssueLicence(LicenceTypeId),
	/// Register land and real-estate titles.
	RegisterTitles,
	/// Register mortgages on titles.
	RegisterMortgages,
	/// Freeze assets by court order.
	FreezeAssets,
	/// Issue e-invoices.
	IssueInvoices,
	/// Issue fine bills.
	IssueFines,
	/// Run a housing provident-fund centre.
	ManageProvidentFund,
	/// Supervise construction projects and their wage escrow.
	SuperviseConstruction,
	/// Mint and burn the settlement unit (the treasury).
	MintSettlement,
}

/// The kind of an agency.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum AgencyKind {
	/// Civil-affairs bureau (births, marriages, relations).
	CivilAffairs,
	/// Public-security bureau (household registration, identity cards).
	PublicSecurity,
	/// Tax bureau.
	Tax,
	/// Land and resources bureau.
	LandAndResources,
	/// Housing provident-fund centre.
	HousingProvidentFund,
	/// Human resources and social security bureau.
	HumanResourcesSocialSecurity,
	/// Construction bureau.
	Construction,
	/// Traffic police.
	TrafficPolice,
	/// A court.
	Court,
	/// A bank.
	Bank,
	/// The treasury.
	Treasury,
	/// Market regulation (business licences).
	MarketRegulation,
	/// Fire and rescue.
	FireAndRescue,
	/// Any other public body.
	Other,
}

/// Whether an enrolled account belongs to a natural or a legal person.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum SubjectKind {
	/// A natural person.
	Citizen,
	/// A legal person.
	Company,
}

/// Codes of `InvalidTransaction::Custom` with which the transaction pool refuses transactions.
pub mod invalid_tx {
	/// The signer is neither agency staff nor an enrolled account.
	pub const NOT_ADMITTED: u8 = 1;
	/// The signer has used up its transaction quota for the current window of blocks.
	pub const QUOTA_EXCEEDED: u8 = 2;
}

/// Answers "may this origin act for an agency, with this capability?".
pub trait AgencyAuthority<Origin, AccountId> {
	/// Ensures `origin` is signed by staff of an agency that holds `capability`; returns the
	/// signer and the agency.
	fn ensure_capability(
		origin: Origin,
		capability: Capability,
	) -> Result<(AccountId, AgencyId), DispatchError>;

	/// Whether `agency` is a member holding `capability`.
	fn has_capability(agency: AgencyId, capability: Capability) -> bool;

	/// Whether `agency` is a current member of the consortium.
	fn is_member(agency: AgencyId) -> bool;
}

/// Admission of citizens' and companies' accounts to transact.
pub trait Enrolment<AccountId> {
	/// Enrols `who` on behalf of `by`. Fails when `who` is already admitted.
	fn enrol(who: &AccountId, by: AgencyId, kind: SubjectKind) -> DispatchResult;
	/// Withdraws the enrolment of `who`. Fails when `who` is not enrolled.
	fn unenrol(who: &AccountId) -> DispatchResult;
	/// Whether `who` is an enrolled (non-staff) account.
	fn is_enrolled(who: &AccountId) -> bool;
}
