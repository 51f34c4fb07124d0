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

extern crate alloc;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::pallet_prelude::{DispatchError, DispatchResult, Weight};
use scale_info::TypeInfo;

/// Identifier of an agency, assigned in order of admission.
pub type AgencyId = u32;
/// A subject (person or company): 32 bytes chosen by the registering agency, not an account.
pub type PersonId = sp_core::H256;
/// Administrative division code of a city (e.g. 320100).
pub type CityCode = u32;
/// Identifier of a licence type (16 bits, so that errors can name one).
pub type LicenceTypeId = u16;
/// Identifier of an attested relation, assigned in order.
pub type RelationId = u64;
/// A month: year × 100 + month (202611 is November 2026), UTC.
pub type Month = u32;

/// Milliseconds per day.
pub const MS_PER_DAY: Moment = 24 * 60 * 60 * 1000;

/// The month (year × 100 + month, UTC) of a time in ms since the Unix epoch (the civil
/// calendar, from days since the epoch).
pub fn month_of(ms: Moment) -> Month {
	// Howard Hinnant's `civil_from_days`, on non-negative days.
	let z = (ms / MS_PER_DAY).saturating_add(719_468);
	let era = z / 146_097;
	let doe = z.saturating_sub(era.saturating_mul(146_097));
	let yoe =
		doe.saturating_sub(doe / 1_460).saturating_add(doe / 36_524).saturating_sub(doe / 146_096)
			/ 365;
	let doy = doe
		.saturating_sub(yoe.saturating_mul(365).saturating_add(yoe / 4).saturating_sub(yoe / 100));
	let mp = doy.saturating_mul(5).saturating_add(2) / 153;
	let month = if mp < 10 { mp.saturating_add(3) } else { mp.saturating_sub(9) };
	let year = yoe.saturating_add(era.saturating_mul(400)).saturating_add(u64::from(month <= 2));
	u32::try_from(year.saturating_mul(100).saturating_add(month)).unwrap_or(u32::MAX)
}

/// Whether `m` is a month (year × 100 + month, the month from 1 to 12).
pub fn is_month(m: Month) -> bool {
	(1..=12).contains(&(m % 100))
}

/// The month after `m`.
pub fn next_month(m: Month) -> Month {
	if m % 100 >= 12 {
		(m / 100).saturating_add(1).saturating_mul(100).saturating_add(1)
	} else {
		m.saturating_add(1)
	}
}

/// The first moment (ms since the Unix epoch, UTC) of day `day` (1 to 31) of month `m`; none
/// for a month or day out of range or before 1970. (Howard Hinnant's `days_from_civil`.)
pub fn day_start(m: Month, day: u8) -> Option<Moment> {
	let (year, month) = (u64::from(m / 100), u64::from(m % 100));
	if !is_month(m) || !(1..=31).contains(&day) || year < 1970 {
		return None;
	}
	let y = if month <= 2 { year.checked_sub(1)? } else { year };
	let era = y / 400;
	let yoe = y.checked_sub(era.checked_mul(400)?)?;
	let mp = if month > 2 { month.checked_sub(3)? } else { month.checked_add(9)? };
	let doy =
		(mp.checked_mul(153)?.checked_add(2)? / 5).checked_add(u64::from(day))?.checked_sub(1)?;
	let doe =
		yoe.checked_mul(365)?.checked_add(yoe / 4)?.checked_sub(yoe / 100)?.checked_add(doy)?;
	let days = era.checked_mul(146_097)?.checked_add(doe)?.checked_sub(719_468)?;
	days.checked_mul(MS_PER_DAY)
}

/// Domain separator of [`relation_tag`].
pub const RELATION_TAG_DOMAIN: [u8; 20] = *b"civitas/relation-end";

/// The tag of one end of a relation: `blake2_256("civitas/relation-end" ‖ person ‖ salt)`.
///
/// A relation is stored as the tags of its two ends, never as the persons' ids. The attesting
/// agency draws a fresh random salt (256 bits) for each end and hands it to that person (and a
/// minor's to its custodians), so that only they and the attester can tie an end to a person.
pub fn relation_tag(person: &PersonId, salt: &sp_core::H256) -> sp_core::H256 {
	// A fixed-size array and two hashes: the encoding is their 84 bytes, without prefixes.
	use sp_runtime::traits::{BlakeTwo256, Hash};
	BlakeTwo256::hash_of(&(RELATION_TAG_DOMAIN, person, salt))
}

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
	/// Decide appeals against fines (a court).
	DecideAppeals,
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

/// What a consent covers: one kind of fact about its subject.
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
pub enum Scope {
	/// Registration, status and record commitment.
	Identity,
	/// Family and legal relations.
	Relations,
	/// Personal licences of one type: a consent names the type it opens, so that consent to
	/// show a driving licence does not open a medical licence.
	Licence(LicenceTypeId),
	/// Real-estate titles.
	Titles,
	/// Invoices (as buyer or seller).
	Invoices,
	/// Housing provident-fund account.
	FundAccount,
	/// Construction wages.
	Wages,
	/// Fine bills: whether any is unpaid.
	Fines,
}

impl Scope {
	/// The domain whose alias a consent over this scope is given under (`docs/privacy.md`):
	/// identity's own scopes under the person's identity alias.
	pub fn domain(self) -> Option<Domain> {
		match self {
			Scope::Identity | Scope::Relations => Some(Domain::Identity),
			Scope::Licence(_) => Some(Domain::Licences),
			Scope::Titles => Some(Domain::Titles),
			Scope::Invoices => Some(Domain::Invoices),
			Scope::FundAccount => Some(Domain::Fund),
			Scope::Wages => Some(Domain::Wages),
			Scope::Fines => Some(Domain::Fines),
		}
	}
}

/// A milliseconds timestamp (Unix epoch), as `pallet_timestamp` keeps it.
pub type Moment = u64;

/// Codes of `InvalidTransaction::Custom` with which the transaction pool refuses transactions.
pub mod invalid_tx {
	/// The signer is neither agency staff nor an enrolled account.
	pub const NOT_ADMITTED: u8 = 1;
	/// The signer has used up its quota (transactions, bytes or weight) for the current window
	/// of blocks.
	pub const QUOTA_EXCEEDED: u8 = 2;
	/// The signer may not submit this call (e.g. a remark from an enrolled account, session
	/// keys from an account that is not a validator).
	pub const CALL_NOT_ALLOWED: u8 = 3;
	/// The transaction is longer than an enrolled account may submit.
	pub const TOO_LONG: u8 = 4;
	/// An alias binding names an account that is admitted already or has transacted.
	pub const ACCOUNT_TAKEN: u8 = 5;
	/// An alias binding moves the alias to a new account too soon after its last move.
	pub const ROTATION_TOO_SOON: u8 = 6;
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

	/// Ensures `origin` is signed by staff (admin or officer) of a member agency; returns the
	/// signer and the agency.
	fn ensure_staff(origin: Origin) -> Result<(AccountId, AgencyId), DispatchError>;

	/// Ensures `origin` is signed by an admin of a member agency; returns the admin and the
	/// agency.
	fn ensure_admin(origin: Origin) -> Result<(AccountId, AgencyId), DispatchError>;
}

/// The own account of each agency: it receives payments (fines, fees) and pays out under the
/// agency's authority. Nobody holds its key: it is derived from the agency id.
pub trait AgencyAccounts<AccountId> {
	/// The account of `agency`.
	fn account_of(agency: AgencyId) -> AccountId;
}

/// Admission of citizens' and companies' accounts to transact.
pub trait Enrolment<AccountId> {
	/// Enrols `who` on behalf of `by`. Fails when `who` is already admitted.
	fn enrol(who: &AccountId, by: AgencyId, kind: SubjectKind) -> DispatchResult;
	/// Withdraws the enrolment of `who`. Fails when `who` is not enrolled.
	fn unenrol(who: &AccountId) -> DispatchResult;
	/// Whether `who` is an enrolled (non-staff) account.
	fn is_enrolled(who: &AccountId) -> bool;
	/// Whether `who` is admitted as the account of a domain alias (`docs/privacy.md`).
	fn is_alias_account(who: &AccountId) -> bool;
	/// Moves the enrolment of `who` to agency `to`, when its enrolling agency has left the
	/// consortium. Fails when `who` is not enrolled or its enrolling agency is still a member.
	fn reenrol(who: &AccountId, to: AgencyId) -> DispatchResult;
	/// Moves the enrolment of `old` to `new` (a key rotation): same enrolling agency and kind,
	/// not counted against the agency's enrolments. Fails when `old` is not enrolled or `new`
	/// is admitted already (or has transacted).
	fn rekey(old: &AccountId, new: &AccountId) -> DispatchResult;
}

/// Answers "does this subject exist, and who is it?" for pallets that write facts about
/// subjects.
pub trait SubjectRegistry<AccountId> {
	/// Whether `person` is registered and not erased (whatever its status).
	fn exists(person: &PersonId) -> bool;
	/// Whether `person` is registered with status active (alive, not dissolved, not emigrated).
	fn is_active(person: &PersonId) -> bool;
	/// Whether `person` is registered as a minor.
	fn is_minor(person: &PersonId) -> bool;
	/// Natural or legal person.
	fn kind(person: &PersonId) -> Option<SubjectKind>;
	/// The agency that registered `person`.
	fn registrar(person: &PersonId) -> Option<AgencyId>;
	/// The person an account controls, if any.
	fn person_of(who: &AccountId) -> Option<PersonId>;
	/// The relation in which `person` is the `kind` of someone (spouses either way round),
	/// proven by the salt of `person`'s end (see [`relation_tag`]), if it holds at `now`.
	fn proven_relation(
		person: &PersonId,
		kind: RelationKind,
		salt: &sp_core::H256,
		now: Moment,
	) -> Option<RelationId>;
	/// Whether `who` controls `person`.
	fn controls(who: &AccountId, person: &PersonId) -> bool {
		Self::person_of(who).as_ref() == Some(person)
	}
}

/// What the key of a relation's end signs to prove, in the licences domain, that `alias` is
/// that end: the domain tag, the relation and the alias (so that a signature seen in the pool
/// proves it for that alias only).
pub fn relation_end_message(relation: RelationId, alias: &Alias) -> alloc::vec::Vec<u8> {
	(b"civitas/relation-proof", relation, alias).encode()
}

/// The keys of attested relations' ends (`docs/privacy.md`, instrument 2): the attester hands
/// each person the secret of its end's key with the certificate, and the person proves that
/// its licences alias is that end with the key's signature, without naming its id.
pub trait RelationEnds {
	/// The keys that prove being the `kind` of someone in relation `relation` at `now`: the
	/// first end's key (a spouse relation: both ends'); none when the relation does not hold
	/// then, is of another kind, or has no end keys.
	fn end_keys(
		relation: RelationId,
		kind: RelationKind,
		now: Moment,
	) -> alloc::vec::Vec<sp_core::sr25519::Public>;
}

/// No relations (a runtime or mock without them).
impl RelationEnds for () {
	fn end_keys(
		_: RelationId,
		_: RelationKind,
		_: Moment,
	) -> alloc::vec::Vec<sp_core::sr25519::Public> {
		alloc::vec::Vec::new()
	}
}

/// Consent of subjects to agencies' reads, and the trace of those reads.
pub trait ConsentCheck {
	/// Whether `subject` has a live consent for `agency` over `scope`, for `purpose`, at `now`.
	fn has_consent(
		subject: &PersonId,
		agency: AgencyId,
		scope: Scope,
		purpose: &Purpose,
		now: Moment,
	) -> bool;
	/// Records that `agency` read `scope` of `subject` for `purpose`, and what it learnt.
	fn record_access(
		subject: &PersonId,
		agency: AgencyId,
		scope: Scope,
		purpose: Purpose,
		answer: bool,
	);
}

/// The kind of a relation between two persons, read "`from` is the … of `to`".
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
	frame_support::PalletError,
)]
pub enum RelationKind {
	/// `from` is a parent of `to`.
	ParentOf,
	/// `from` is the spouse of `to` (and so `to` of `from`).
	SpouseOf,
	/// `from` is the legal guardian of `to`.
	GuardianOf,
	/// `from` (a natural person) legally represents `to` (a company).
	LegalRepresentativeOf,
}

/// Longest free-text purpose, in bytes.
pub const MAX_PURPOSE_LEN: u32 = 64;

/// Why an agency reads a fact: a code of the consortium's purpose catalogue, or a short text
/// (such as "emergency contact"). A purpose names a reason, never a person: agencies must not
/// write personal data into it.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum Purpose {
	/// A code of the purpose catalogue.
	Code(u32),
	/// A short free text, UTF-8.
	Text(frame_support::BoundedVec<u8, frame_support::traits::ConstU32<MAX_PURPOSE_LEN>>),
}

/// What a pallet does when a person is erased on a lawful request: it removes or anonymises
/// what links to the person, and says in its docs what remains and why.
pub trait OnErase {
	/// Erases what links to `person`; returns the weight used.
	fn on_erase(person: &PersonId) -> frame_support::weights::Weight;
	/// The most `on_erase` can weigh, for the erasing call's declared weight.
	fn max_weight() -> frame_support::weights::Weight;
}

/// Nothing to erase.
impl OnErase for () {
	fn on_erase(_: &PersonId) -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
	fn max_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

/// Each in turn (nest pairs for more: `(A, (B, C))`).
impl<A: OnErase, B: OnErase> OnErase for (A, B) {
	fn on_erase(person: &PersonId) -> frame_support::weights::Weight {
		A::on_erase(person).saturating_add(B::on_erase(person))
	}
	fn max_weight() -> frame_support::weights::Weight {
		A::max_weight().saturating_add(B::max_weight())
	}
}

/// A domain in which a person acts under an alias of its own (`docs/privacy.md`): its
/// aliases in two domains cannot be tied to each other nor to its [`PersonId`].
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
)]
pub enum Domain {
	/// Consents and access logs.
	Identity,
	/// Licences.
	Licences,
	/// Invoices (as buyer or seller).
	Invoices,
	/// Fine bills.
	Fines,
	/// Real-estate titles.
	Titles,
	/// Housing provident fund (as worker or employer).
	Fund,
	/// Construction wages (as worker, contractor or developer).
	Wages,
}

impl Domain {
	/// Every domain.
	pub const ALL: [Domain; 7] = [
		Domain::Identity,
		Domain::Licences,
		Domain::Invoices,
		Domain::Fines,
		Domain::Titles,
		Domain::Fund,
		Domain::Wages,
	];

	/// The domain's name, as clients spell it (`fund`, `wages`, ...).
	pub fn name(self) -> &'static str {
		match self {
			Domain::Identity => "identity",
			Domain::Licences => "licences",
			Domain::Invoices => "invoices",
			Domain::Fines => "fines",
			Domain::Titles => "titles",
			Domain::Fund => "fund",
			Domain::Wages => "wages",
		}
	}

	/// The ring-VRF context of the domain's aliases.
	pub fn context(self) -> &'static [u8] {
		match self {
			Domain::Identity => b"civitas/alias/identity",
			Domain::Licences => b"civitas/alias/licences",
			Domain::Invoices => b"civitas/alias/invoices",
			Domain::Fines => b"civitas/alias/fines",
			Domain::Titles => b"civitas/alias/titles",
			Domain::Fund => b"civitas/alias/fund",
			Domain::Wages => b"civitas/alias/wages",
		}
	}
}

/// A person's alias in one domain: the output of its ring-VRF proof in the domain's context.
pub type Alias = sp_core::H256;

/// A person's member key: its ring-VRF public key (Bandersnatch, compressed), made by its
/// wallet. It is public and tied to the person's id; proofs made with it are not.
pub type MemberKey = [u8; 32];

/// The domain aliases that accounts act under.
pub trait Aliases<AccountId> {
	/// The live alias `who` acts under in `domain`, if any.
	fn alias_of(who: &AccountId, domain: Domain) -> Option<Alias>;
	/// The account a live `alias` acts through in `domain`, if any.
	fn account_of(alias: &Alias, domain: Domain) -> Option<AccountId>;
	/// Natural or legal person, for a live alias.
	fn kind_of(alias: &Alias, domain: Domain) -> Option<SubjectKind>;
}

/// The rings of living persons' member keys (kept by the identity pallet's registrations).
pub trait PersonRings {
	/// Adds `member`, a person of `kind`, to a ring.
	fn join(member: &MemberKey, kind: SubjectKind) -> DispatchResult;
	/// Removes `member` from its ring.
	fn leave(member: &MemberKey) -> DispatchResult;
	/// The most [`PersonRings::join`] weighs.
	fn join_weight() -> Weight;
	/// The most [`PersonRings::leave`] weighs.
	fn leave_weight() -> Weight;
	/// A valid member key, distinct for each `seed`: for the benchmarks of the pallets that
	/// keep member keys (a real scheme refuses arbitrary bytes).
	fn benchmark_member(seed: u32) -> MemberKey;
}

/// No rings: members join and leave nothing (a runtime without aliases, or a mock).
impl PersonRings for () {
	fn join(_: &MemberKey, _: SubjectKind) -> DispatchResult {
		Ok(())
	}
	fn leave(_: &MemberKey) -> DispatchResult {
		Ok(())
	}
	fn join_weight() -> Weight {
		Weight::zero()
	}
	fn leave_weight() -> Weight {
		Weight::zero()
	}
	fn benchmark_member(seed: u32) -> MemberKey {
		let mut key = [0u8; 32];
		key[..4].copy_from_slice(&seed.to_le_bytes());
		key
	}
}

/// Admission of the accounts that aliases act through.
pub trait AliasAdmission<AccountId> {
	/// Whether `who` is admitted to transact (staff, enrolled or alias account).
	fn is_admitted(who: &AccountId) -> bool;
	/// Admits `who` as the account of an alias of a person of `kind`.
	fn admit_alias(who: &AccountId, kind: SubjectKind) -> DispatchResult;
	/// Withdraws the admission of `who` when it is an alias account (nothing otherwise).
	fn release_alias(who: &AccountId);
}

/// Makes alias accounts for benchmarks of the domain pallets that name persons by aliases.
pub trait BenchmarkAliases<AccountId> {
	/// A fresh account (from `seed`) bound to a live alias of a person of `kind` in `domain`,
	/// admitted to transact, and the alias: the domain pallets' benchmarks measure their own
	/// calls, not the binding's proof (which the aliases pallet's benchmarks measure).
	fn alias_account(seed: u32, domain: Domain, kind: SubjectKind) -> (Alias, AccountId);
}

/// Makes agency staff for benchmarks of pallets that need an agency's authority.
pub trait BenchmarkAgencies<AccountId> {
	/// A fresh staff account (from `seed`) of a member agency holding `capabilities`.
	fn staff_with(seed: u32, capabilities: &[Capability]) -> AccountId;
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn day_start_inverts_month_of() {
		// 2026-11-01 00:00 UTC, and the leap day of 2024.
		assert_eq!(day_start(202611, 1), Some(1_793_491_200_000));
		assert_eq!(day_start(202402, 29), Some(1_709_164_800_000));
		assert_eq!(day_start(197001, 1), Some(0));
		for m in [197002, 199912, 200002, 202401, 202612, 209906] {
			for d in [1u8, 15, 28] {
				let t = day_start(m, d).unwrap();
				assert_eq!(month_of(t), m);
				assert_eq!(month_of(t + MS_PER_DAY - 1), m);
				assert_eq!(day_start(m, d + 1).unwrap() - t, MS_PER_DAY);
			}
			assert_eq!(month_of(day_start(m, 1).unwrap() - 1), {
				let (y, mo) = (m / 100, m % 100);
				if mo == 1 {
					(y - 1) * 100 + 12
				} else {
					m - 1
				}
			});
		}
		assert_eq!(day_start(202613, 1), None);
		assert_eq!(day_start(202611, 0), None);
		assert_eq!(day_start(202611, 32), None);
		assert_eq!(day_start(196912, 1), None);
	}
}
