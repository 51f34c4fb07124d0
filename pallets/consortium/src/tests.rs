//! Unit tests: one behaviour per test; every error path with `assert_noop!`, every success path
//! with its events. `build_and_execute` checks the invariants after each test.

use crate::{mock::*, *};
use civitas_primitives::{
	invalid_tx, AgencyAuthority, AgencyKind, Capability, Enrolment, SubjectKind,
};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{DispatchClass, GetDispatchInfo, PostDispatchInfo},
	traits::Hooks,
	weights::Weight,
};
use pallet_session::SessionManager;
use sp_runtime::{
	traits::{BadOrigin, DispatchTransaction, TransactionExtension},
	transaction_validity::{
		InvalidTransaction, TransactionSource, TransactionValidityError, ValidTransaction,
	},
	DispatchError,
};

fn name(s: &str) -> BoundedVec<u8, ConstU32<32>> {
	s.as_bytes().to_vec().try_into().unwrap()
}

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

use frame_support::traits::ConstU32;

fn admit(admins: Vec<AccountId>, caps: Vec<Capability>) -> DispatchResult {
	Consortium::admit_agency(
		RuntimeOrigin::root(),
		name("Fire and Rescue"),
		AgencyKind::FireAndRescue,
		320100,
		admins.try_into().unwrap(),
		caps.try_into().unwrap(),
	)
}

/// Proposes as `who`; the error without its post-dispatch weight.
fn propose(who: AccountId, call: RuntimeCall) -> Result<PostDispatchInfo, DispatchError> {
	Consortium::propose(signed(who), Box::new(call)).map_err(|e| e.error)
}

/// Votes as `who`; the error without its post-dispatch weight.
fn vote(
	who: AccountId,
	index: ProposalIndex,
	aye: bool,
) -> Result<PostDispatchInfo, DispatchError> {
	Consortium::vote(signed(who), index, aye).map_err(|e| e.error)
}

fn grant_call(agency: AgencyId, capability: Capability) -> RuntimeCall {
	RuntimeCall::Consortium(crate::Call::grant_capability { agency, capability })
}

fn last_event() -> Event<Test> {
	consortium_events().pop().expect("an event")
}

mod genesis {
	use super::*;

	#[test]
	fn genesis_seeds_founding_agencies_staff_and_validators() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(MemberCount::<Test>::get(), 4);
			assert_eq!(NextAgencyId::<Test>::get(), 4);
			let civil = Agencies::<Test>::get(0).unwrap();
			assert_eq!(civil.name.to_vec(), b"Civil Affairs".to_vec());
			assert_eq!(
				civil.capabilities.to_vec(),
				vec![Capability::RegisterPersons, Capability::AttestRelations]
			);
			assert_eq!((civil.staff, civil.admins), (2, 1));
			assert_eq!(
				Accounts::<Test>::get(ADMINS[0]),
				Some(Admission::Staff { agency: 0, role: Role::Admin })
			);
			assert_eq!(
				Accounts::<Test>::get(OFFICER),
				Some(Admission::Staff { agency: 0, role: Role::Officer })
			);
			assert_eq!(
				Accounts::<Test>::get(CITIZEN),
				Some(Admission::Enrolled { by: 0, kind: SubjectKind::Citizen })
			);
			assert_eq!(Consortium::validators(), vec![ADMINS[0]]);
			assert_eq!(System::providers(&CITIZEN), 1, "admission makes the account exist");
		});
	}

	#[test]
	#[should_panic(expected = "invalid genesis validator")]
	fn genesis_rejects_a_validator_that_is_not_staff() {
		ExtBuilder::default().with_validators(vec![STRANGER]).build();
	}
}

mod admit_agency {
	use super::*;

	#[test]
	fn admit_agency_should_work() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(admit(
				vec![50, 51],
				vec![Capability::IssueFines, Capability::AttestRelations]
			));
			let info = Agencies::<Test>::get(4).unwrap();
			assert_eq!(info.kind, AgencyKind::FireAndRescue);
			// Sorted whatever the order given.
			assert_eq!(
				info.capabilities.to_vec(),
				vec![Capability::AttestRelations, Capability::IssueFines]
			);
			assert_eq!((info.staff, info.admins), (2, 2));
			assert_eq!(MemberCount::<Test>::get(), 5);
			assert_eq!(
				consortium_events()[consortium_events().len() - 5..].to_vec(),
				vec![
					Event::AgencyAdmitted {
						agency: 4,
						kind: AgencyKind::FireAndRescue,
						city: 320100
					},
					Event::StaffAdded { agency: 4, who: 50, role: Role::Admin },
					Event::StaffAdded { agency: 4, who: 51, role: Role::Admin },
					Event::CapabilityGranted { agency: 4, capability: Capability::AttestRelations },
					Event::CapabilityGranted { agency: 4, capability: Capability::IssueFines },
				]
			);
		});
	}

	#[test]
	fn admit_agency_fails_without_consortium_origin() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::admit_agency(
					signed(ADMINS[0]),
					name("X"),
					AgencyKind::Other,
					1,
					vec![50].try_into().unwrap(),
					Default::default()
				),
				BadOrigin
			);
		});
	}

	#[test]
	fn admit_agency_fails_without_admins() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(admit(vec![], vec![]), Error::<Test>::NoAdmins);
		});
	}

	#[test]
	fn admit_agency_fails_with_empty_name() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::admit_agency(
					RuntimeOrigin::root(),
					name(""),
					AgencyKind::Other,
					1,
					vec![50].try_into().unwrap(),
					Default::default()
				),
				Error::<Test>::BadName
			);
		});
	}

	#[test]
	fn admit_agency_fails_when_an_admin_is_already_admitted() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(admit(vec![50, CITIZEN], vec![]), Error::<Test>::AlreadyAdmitted);
			assert_noop!(admit(vec![50, 50], vec![]), Error::<Test>::AlreadyAdmitted);
		});
	}

	#[test]
	fn admit_agency_fails_with_duplicate_capabilities() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				admit(vec![50], vec![Capability::IssueFines, Capability::IssueFines]),
				Error::<Test>::AlreadyHasCapability
			);
		});
	}

	#[test]
	fn admit_agency_fails_when_consortium_is_full() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(admit(vec![50], vec![]));
			assert_ok!(admit(vec![51], vec![]));
			assert_noop!(admit(vec![52], vec![]), Error::<Test>::TooManyAgencies);
		});
	}
}

mod remove_agency {
	use super::*;

	#[test]
	fn remove_agency_should_work() {
		ExtBuilder::default().build_and_execute(|| {
			// Proposal 0 is agency 2's, with agency 1 voting against; proposal 1 is agency 1's.
			assert_ok!(propose(ADMINS[2], grant_call(2, Capability::IssueFines)));
			assert_ok!(vote(ADMINS[1], 0, false));
			assert_ok!(propose(ADMINS[1], grant_call(1, Capability::IssueFines)));
			assert_ok!(Consortium::remove_agency(RuntimeOrigin::root(), 1));
			assert!(!Agencies::<Test>::contains_key(1));
			assert_eq!(Accounts::<Test>::get(ADMINS[1]), None);
			// The account is released but not reaped: its nonce cannot go back.
			assert_eq!(System::providers(&ADMINS[1]), 1);
			assert!(PurgedKeys::get().contains(&ADMINS[1]));
			assert_eq!(MemberCount::<Test>::get(), 3);
			// Its vote is withdrawn from the open proposal, its own proposal dropped.
			assert!(Proposals::<Test>::get(0).unwrap().nays.is_empty());
			assert!(!Proposals::<Test>::contains_key(1));
			assert_eq!(ProposalsOf::<Test>::get(1), 0);
			assert_eq!(ProposalCount::<Test>::get(), 1);
			assert_eq!(
				consortium_events()[consortium_events().len() - 3..].to_vec(),
				vec![
					Event::StaffRemoved { agency: 1, who: ADMINS[1] },
					Event::ProposalDropped { index: 1, agency: 1 },
					Event::AgencyRemoved { agency: 1 }
				]
			);
		});
	}

	#[test]
	fn remove_agency_carries_a_proposal_that_now_has_a_majority() {
		ExtBuilder::default().build_and_execute(|| {
			// Two of four agencies for: no majority. Once agency 3 leaves, two of three is.
			assert_ok!(propose(ADMINS[1], grant_call(1, Capability::IssueFines)));
			assert_ok!(vote(ADMINS[2], 0, true));
			assert_ok!(Consortium::remove_agency(RuntimeOrigin::root(), 3));
			assert_eq!(Carried::<Test>::get().into_inner(), vec![0]);
			assert!(consortium_events().contains(&Event::ProposalCarried { index: 0 }));
			assert!(!Consortium::has_capability(1, Capability::IssueFines));
			// The next block dispatches it, without another vote.
			Consortium::on_initialize(2);
			assert!(Consortium::has_capability(1, Capability::IssueFines));
			assert_eq!(last_event(), Event::ProposalExecuted { index: 0, result: Ok(()) });
			assert!(Carried::<Test>::get().is_empty());
			assert_eq!(ProposalCount::<Test>::get(), 0);
		});
	}

	#[test]
	fn remove_agency_rejects_a_proposal_that_can_no_longer_win() {
		ExtBuilder::default().build_and_execute(|| {
			// One for, one against, of four; agency 0 (for) leaves: one against of three
			// leaves two who could vote for. Then agency 3 (undecided) leaves: one of two
			// against, a majority is out of reach.
			assert_ok!(propose(ADMINS[1], grant_call(1, Capability::IssueFines)));
			assert_ok!(vote(ADMINS[2], 0, false));
			assert_ok!(Consortium::remove_agency(RuntimeOrigin::root(), 3));
			assert!(Proposals::<Test>::contains_key(0));
			Consortium::add_validator(RuntimeOrigin::root(), ADMINS[1]).unwrap();
			assert_ok!(Consortium::remove_validator(RuntimeOrigin::root(), ADMINS[0]));
			assert_ok!(Consortium::remove_agency(RuntimeOrigin::root(), 0));
			assert!(!Proposals::<Test>::contains_key(0));
			assert!(consortium_events().contains(&Event::ProposalRejected { index: 0 }));
		});
	}

	#[test]
	fn remove_agency_fails_while_its_staff_still_validate_in_a_session() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::add_validator(RuntimeOrigin::root(), ADMINS[1]));
			assert_ok!(Consortium::remove_validator(RuntimeOrigin::root(), ADMINS[0]));
			// Decided out, but the session pallet still has it authoring.
			SessionValidators::set(&vec![ADMINS[0]]);
			assert_noop!(
				Consortium::remove_agency(RuntimeOrigin::root(), 0),
				Error::<Test>::RunsValidator
			);
			SessionValidators::set(&vec![]);
			assert_ok!(Consortium::remove_agency(RuntimeOrigin::root(), 0));
		});
	}

	#[test]
	fn remove_agency_keeps_accounts_it_enrolled() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::add_validator(RuntimeOrigin::root(), ADMINS[1]));
			assert_ok!(Consortium::remove_validator(RuntimeOrigin::root(), ADMINS[0]));
			assert_ok!(Consortium::remove_agency(RuntimeOrigin::root(), 0));
			assert_eq!(
				Accounts::<Test>::get(CITIZEN),
				Some(Admission::Enrolled { by: 0, kind: SubjectKind::Citizen })
			);
			assert_eq!(Accounts::<Test>::get(OFFICER), None);
		});
	}

	#[test]
	fn remove_agency_fails_for_unknown_agency() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::remove_agency(RuntimeOrigin::root(), 9),
				Error::<Test>::UnknownAgency
			);
		});
	}

	#[test]
	fn remove_agency_fails_while_it_runs_a_validator() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::remove_agency(RuntimeOrigin::root(), 0),
				Error::<Test>::RunsValidator
			);
		});
	}

	#[test]
	fn remove_agency_fails_without_consortium_origin() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(Consortium::remove_agency(signed(ADMINS[1]), 1), BadOrigin);
		});
	}
}

mod capabilities {
	use super::*;

	#[test]
	fn grant_capability_should_work() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::grant_capability(
				RuntimeOrigin::root(),
				1,
				Capability::IssueLicence(7)
			));
			assert!(Consortium::has_capability(1, Capability::IssueLicence(7)));
			assert!(!Consortium::has_capability(1, Capability::IssueLicence(8)));
			assert_eq!(
				last_event(),
				Event::CapabilityGranted { agency: 1, capability: Capability::IssueLicence(7) }
			);
		});
	}

	#[test]
	fn grant_capability_fails_for_unknown_agency() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::grant_capability(RuntimeOrigin::root(), 9, Capability::IssueFines),
				Error::<Test>::UnknownAgency
			);
		});
	}

	#[test]
	fn grant_capability_fails_when_already_held() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::grant_capability(RuntimeOrigin::root(), 2, Capability::IssueInvoices),
				Error::<Test>::AlreadyHasCapability
			);
		});
	}

	#[test]
	fn grant_capability_fails_beyond_max_capabilities() {
		ExtBuilder::default().build_and_execute(|| {
			for c in [Capability::IssueFines, Capability::FreezeAssets] {
				assert_ok!(Consortium::grant_capability(RuntimeOrigin::root(), 0, c));
			}
			assert_noop!(
				Consortium::grant_capability(RuntimeOrigin::root(), 0, Capability::RegisterTitles),
				Error::<Test>::TooManyCapabilities
			);
		});
	}

	#[test]
	fn grant_capability_fails_without_consortium_origin() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::grant_capability(signed(ADMINS[0]), 0, Capability::IssueFines),
				BadOrigin
			);
		});
	}

	#[test]
	fn revoke_capability_should_work() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::revoke_capability(
				RuntimeOrigin::root(),
				2,
				Capability::IssueInvoices
			));
			assert!(!Consortium::has_capability(2, Capability::IssueInvoices));
			assert_eq!(
				last_event(),
				Event::CapabilityRevoked { agency: 2, capability: Capability::IssueInvoices }
			);
		});
	}

	#[test]
	fn revoke_capability_fails_when_not_held() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::revoke_capability(RuntimeOrigin::root(), 2, Capability::IssueFines),
				Error::<Test>::MissingCapability
			);
			assert_noop!(
				Consortium::revoke_capability(RuntimeOrigin::root(), 9, Capability::IssueFines),
				Error::<Test>::UnknownAgency
			);
		});
	}

	#[test]
	fn ensure_capability_answers_for_staff_only() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(
				Consortium::ensure_capability(signed(OFFICER), Capability::RegisterPersons),
				Ok((OFFICER, 0))
			);
			assert_eq!(
				Consortium::ensure_capability(signed(ADMINS[1]), Capability::RegisterPersons),
				Err(Error::<Test>::MissingCapability.into())
			);
			assert_eq!(
				Consortium::ensure_capability(signed(CITIZEN), Capability::RegisterPersons),
				Err(Error::<Test>::NotStaff.into())
			);
			assert_eq!(
				Consortium::ensure_capability(RuntimeOrigin::root(), Capability::RegisterPersons),
				Err(DispatchError::BadOrigin)
			);
			assert!(Consortium::is_member(3));
			assert!(!Consortium::is_member(4));
		});
	}
}

mod staff {
	use super::*;

	#[test]
	fn add_staff_should_work() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::add_staff(signed(ADMINS[1]), 30, Role::Officer));
			assert_eq!(
				Accounts::<Test>::get(30),
				Some(Admission::Staff { agency: 1, role: Role::Officer })
			);
			assert_eq!(Agencies::<Test>::get(1).unwrap().staff, 2);
			assert_eq!(last_event(), Event::StaffAdded { agency: 1, who: 30, role: Role::Officer });
		});
	}

	#[test]
	fn add_staff_fails_for_officers_and_strangers() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::add_staff(signed(OFFICER), 30, Role::Officer),
				Error::<Test>::NotAdmin
			);
			assert_noop!(
				Consortium::add_staff(signed(CITIZEN), 30, Role::Officer),
				Error::<Test>::NotStaff
			);
			assert_noop!(
				Consortium::add_staff(signed(STRANGER), 30, Role::Officer),
				Error::<Test>::NotStaff
			);
		});
	}

	#[test]
	fn add_staff_fails_for_admitted_account() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::add_staff(signed(ADMINS[1]), CITIZEN, Role::Officer),
				Error::<Test>::AlreadyAdmitted
			);
			assert_noop!(
				Consortium::add_staff(signed(ADMINS[1]), OFFICER, Role::Admin),
				Error::<Test>::AlreadyAdmitted
			);
		});
	}

	#[test]
	fn add_staff_fails_beyond_max_staff() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::add_staff(signed(ADMINS[0]), 30, Role::Officer));
			assert_noop!(
				Consortium::add_staff(signed(ADMINS[0]), 31, Role::Officer),
				Error::<Test>::TooManyStaff
			);
		});
	}

	#[test]
	fn remove_staff_should_work() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::remove_staff(signed(ADMINS[0]), OFFICER));
			assert_eq!(Accounts::<Test>::get(OFFICER), None);
			// Released, not reaped: the provider reference stays, and with it the nonce.
			assert_eq!(System::providers(&OFFICER), 1);
			assert!(PurgedKeys::get().contains(&OFFICER));
			assert_eq!(last_event(), Event::StaffRemoved { agency: 0, who: OFFICER });
		});
	}

	#[test]
	fn remove_staff_lets_an_admin_go_when_another_confirms() {
		ExtBuilder::default().build_and_execute(|| {
			// A single admin adds a second one alone.
			assert_ok!(Consortium::add_staff(signed(ADMINS[1]), 31, Role::Admin));
			assert_ok!(Consortium::remove_staff(signed(31), ADMINS[1]));
			assert_eq!(
				last_event(),
				Event::AdminChangeProposed {
					agency: 1,
					change: AdminChange::Remove(ADMINS[1]),
					proposer: 31,
					expires: 6,
				}
			);
			assert_eq!(Agencies::<Test>::get(1).unwrap().admins, 2);
			// The admin to go confirms; it is gone.
			assert_ok!(Consortium::remove_staff(signed(ADMINS[1]), ADMINS[1]));
			assert_eq!(Agencies::<Test>::get(1).unwrap().admins, 1);
			assert_eq!(Accounts::<Test>::get(ADMINS[1]), None);
			assert_eq!(AdminChanges::<Test>::get(1), None);
		});
	}

	#[test]
	fn one_admin_cannot_replace_its_co_admins_alone() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::add_staff(signed(ADMINS[1]), 31, Role::Admin));
			// 31 turns hostile: it can neither remove the other admin nor add a new one alone.
			assert_ok!(Consortium::remove_staff(signed(31), ADMINS[1]));
			assert_noop!(
				Consortium::remove_staff(signed(31), ADMINS[1]),
				Error::<Test>::AwaitingConfirmation
			);
			assert_ok!(Consortium::add_staff(signed(31), 32, Role::Admin));
			assert_noop!(
				Consortium::add_staff(signed(31), 32, Role::Admin),
				Error::<Test>::AwaitingConfirmation
			);
			assert_eq!(Accounts::<Test>::get(32), None);
			assert!(Accounts::<Test>::get(ADMINS[1]).is_some());
			assert_eq!(Agencies::<Test>::get(1).unwrap().admins, 2);
			// A confirmation that comes too late starts a new request instead.
			System::set_block_number(10);
			assert_ok!(Consortium::add_staff(signed(ADMINS[1]), 32, Role::Admin));
			assert_eq!(Accounts::<Test>::get(32), None);
			assert_eq!(AdminChanges::<Test>::get(1).unwrap().proposer, ADMINS[1]);
			// The consortium removes the hostile admin by vote, without its confirmation.
			assert_ok!(Consortium::force_remove_staff(RuntimeOrigin::root(), 1, 31));
			assert_eq!(Accounts::<Test>::get(31), None);
			assert_eq!(Agencies::<Test>::get(1).unwrap().admins, 1);
		});
	}

	#[test]
	fn force_staff_changes_need_the_consortium() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::force_add_staff(signed(ADMINS[1]), 1, 31, Role::Admin),
				BadOrigin
			);
			assert_noop!(Consortium::force_remove_staff(signed(ADMINS[0]), 0, OFFICER), BadOrigin);
			assert_noop!(
				Consortium::force_remove_staff(RuntimeOrigin::root(), 1, OFFICER),
				Error::<Test>::NotStaffOfAgency
			);
			assert_noop!(
				Consortium::force_remove_staff(RuntimeOrigin::root(), 1, ADMINS[1]),
				Error::<Test>::LastAdmin
			);
			assert_ok!(Consortium::force_add_staff(RuntimeOrigin::root(), 1, 31, Role::Admin));
			assert_eq!(last_event(), Event::StaffAdded { agency: 1, who: 31, role: Role::Admin });
			assert_eq!(Agencies::<Test>::get(1).unwrap().admins, 2);
		});
	}

	#[test]
	fn remove_staff_fails_for_last_admin() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::remove_staff(signed(ADMINS[1]), ADMINS[1]),
				Error::<Test>::LastAdmin
			);
		});
	}

	#[test]
	fn remove_staff_fails_for_other_agency() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::remove_staff(signed(ADMINS[1]), OFFICER),
				Error::<Test>::OtherAgency
			);
		});
	}

	#[test]
	fn remove_staff_fails_for_a_validator() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::add_validator(RuntimeOrigin::root(), OFFICER));
			assert_noop!(
				Consortium::remove_staff(signed(ADMINS[0]), OFFICER),
				Error::<Test>::RunsValidator
			);
		});
	}

	#[test]
	fn remove_staff_fails_for_a_validator_still_in_session() {
		ExtBuilder::default().build_and_execute(|| {
			SessionValidators::set(&vec![OFFICER]);
			assert_noop!(
				Consortium::remove_staff(signed(ADMINS[0]), OFFICER),
				Error::<Test>::RunsValidator
			);
		});
	}

	#[test]
	fn remove_staff_succeeds_while_another_pallet_holds_a_consumer_reference() {
		ExtBuilder::default().build_and_execute(|| {
			// What `session.set_keys` does to an account without balance.
			assert_ok!(System::inc_consumers(&OFFICER));
			assert_ok!(Consortium::remove_staff(signed(ADMINS[0]), OFFICER));
			assert_eq!(Accounts::<Test>::get(OFFICER), None);
			System::dec_consumers(&OFFICER);
		});
	}
}

mod enrolment {
	use super::*;

	#[test]
	fn enrol_should_work() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::enrol(signed(OFFICER), 40, SubjectKind::Company));
			assert!(Consortium::is_enrolled(&40));
			assert_eq!(System::providers(&40), 1);
			assert_eq!(
				last_event(),
				Event::AccountEnrolled { who: 40, by: 0, kind: SubjectKind::Company }
			);
		});
	}

	#[test]
	fn enrol_fails_without_register_persons() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::enrol(signed(ADMINS[1]), 40, SubjectKind::Citizen),
				Error::<Test>::MissingCapability
			);
			assert_noop!(
				Consortium::enrol(signed(CITIZEN), 40, SubjectKind::Citizen),
				Error::<Test>::NotStaff
			);
		});
	}

	#[test]
	fn enrol_fails_for_admitted_account() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::enrol(signed(OFFICER), CITIZEN, SubjectKind::Citizen),
				Error::<Test>::AlreadyAdmitted
			);
			assert_noop!(
				Consortium::enrol(signed(OFFICER), ADMINS[2], SubjectKind::Citizen),
				Error::<Test>::AlreadyAdmitted
			);
		});
	}

	#[test]
	fn unenrol_should_work() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::unenrol(signed(OFFICER), CITIZEN));
			assert!(!Consortium::is_enrolled(&CITIZEN));
			assert_eq!(System::providers(&CITIZEN), 1, "kept: the nonce must not go back");
			assert_eq!(last_event(), Event::AccountUnenrolled { who: CITIZEN, by: 0 });
		});
	}

	#[test]
	fn unenrol_fails_for_other_agency_or_non_enrolled() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::grant_capability(
				RuntimeOrigin::root(),
				1,
				Capability::RegisterPersons
			));
			assert_noop!(
				Consortium::unenrol(signed(ADMINS[1]), CITIZEN),
				Error::<Test>::NotEnrollingAgency
			);
			assert_noop!(
				Consortium::unenrol(signed(OFFICER), STRANGER),
				Error::<Test>::NotEnrolled
			);
			assert_noop!(
				Consortium::unenrol(signed(OFFICER), ADMINS[2]),
				Error::<Test>::NotEnrolled
			);
		});
	}

	#[test]
	fn enrolment_is_limited_per_agency_and_window() {
		ExtBuilder::default().build_and_execute(|| {
			// Three per window of ten blocks in the mock; genesis enrolments do not count.
			for who in 40..43 {
				assert_ok!(Consortium::enrol(signed(OFFICER), who, SubjectKind::Citizen));
			}
			assert_noop!(
				Consortium::enrol(signed(OFFICER), 43, SubjectKind::Citizen),
				Error::<Test>::EnrolmentLimit
			);
			assert_noop!(
				<Consortium as Enrolment<_>>::enrol(&43, 0, SubjectKind::Citizen),
				Error::<Test>::EnrolmentLimit
			);
			System::set_block_number(10);
			assert_ok!(Consortium::enrol(signed(OFFICER), 43, SubjectKind::Citizen));
		});
	}

	#[test]
	fn force_unenrol_withdraws_anyones_enrolments_all_or_nothing() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::enrol(signed(OFFICER), 40, SubjectKind::Citizen));
			let accounts =
				|v: Vec<AccountId>| -> BoundedVec<AccountId, ConstU32<4>> { v.try_into().unwrap() };
			assert_noop!(
				Consortium::force_unenrol(signed(ADMINS[0]), accounts(vec![40])),
				BadOrigin
			);
			assert_noop!(
				Consortium::force_unenrol(RuntimeOrigin::root(), accounts(vec![40, OFFICER])),
				Error::<Test>::NotEnrolled
			);
			assert_ok!(Consortium::force_unenrol(
				RuntimeOrigin::root(),
				accounts(vec![40, CITIZEN])
			));
			assert!(!Consortium::is_enrolled(&40) && !Consortium::is_enrolled(&CITIZEN));
			assert_eq!(last_event(), Event::AccountUnenrolled { who: CITIZEN, by: 0 });
		});
	}

	#[test]
	fn reenrol_moves_an_orphaned_enrolment_to_an_acting_agency() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::grant_capability(
				RuntimeOrigin::root(),
				1,
				Capability::RegisterPersons
			));
			assert_noop!(
				Consortium::reenrol(signed(ADMINS[1]), CITIZEN),
				Error::<Test>::EnrollerStillMember
			);
			assert_noop!(
				Consortium::reenrol(signed(ADMINS[2]), CITIZEN),
				Error::<Test>::MissingCapability
			);
			assert_ok!(Consortium::add_validator(RuntimeOrigin::root(), ADMINS[1]));
			assert_ok!(Consortium::remove_validator(RuntimeOrigin::root(), ADMINS[0]));
			assert_ok!(Consortium::remove_agency(RuntimeOrigin::root(), 0));
			assert_noop!(
				Consortium::reenrol(signed(ADMINS[1]), ADMINS[2]),
				Error::<Test>::NotEnrolled
			);
			assert_ok!(Consortium::reenrol(signed(ADMINS[1]), CITIZEN));
			assert_eq!(
				Accounts::<Test>::get(CITIZEN),
				Some(Admission::Enrolled { by: 1, kind: SubjectKind::Citizen })
			);
			assert_eq!(last_event(), Event::AccountReenrolled { who: CITIZEN, from: 0, to: 1 });
		});
	}

	#[test]
	fn a_rekey_moves_an_enrolment_outside_the_window() {
		ExtBuilder::default().build_and_execute(|| {
			// The window's three enrolments are spent.
			for who in 40..43 {
				assert_ok!(Consortium::enrol(signed(OFFICER), who, SubjectKind::Citizen));
			}
			assert_ok!(<Consortium as Enrolment<_>>::rekey(&40, &50));
			assert_eq!(
				Accounts::<Test>::get(50),
				Some(Admission::Enrolled { by: 0, kind: SubjectKind::Citizen })
			);
			assert_eq!(Accounts::<Test>::get(40), None);
			assert_noop!(<Consortium as Enrolment<_>>::rekey(&40, &51), Error::<Test>::NotEnrolled);
			assert_noop!(
				<Consortium as Enrolment<_>>::rekey(&41, &OFFICER),
				Error::<Test>::AlreadyAdmitted
			);
			assert_noop!(
				<Consortium as Enrolment<_>>::rekey(&OFFICER, &52),
				Error::<Test>::NotEnrolled
			);
		});
	}

	#[test]
	fn enrolment_trait_enrols_and_withdraws() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(<Consortium as Enrolment<_>>::enrol(&41, 0, SubjectKind::Citizen));
			assert_noop!(
				<Consortium as Enrolment<_>>::enrol(&41, 0, SubjectKind::Citizen),
				Error::<Test>::AlreadyAdmitted
			);
			assert_noop!(
				<Consortium as Enrolment<_>>::enrol(&42, 9, SubjectKind::Citizen),
				Error::<Test>::UnknownAgency
			);
			assert_ok!(<Consortium as Enrolment<_>>::unenrol(&41));
			assert_noop!(<Consortium as Enrolment<_>>::unenrol(&41), Error::<Test>::NotEnrolled);
		});
	}
}

mod validators {
	use super::*;

	#[test]
	fn add_validator_should_work_from_next_session() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(Consortium::new_session(1), None, "no change, no new set");
			assert_ok!(Consortium::add_validator(RuntimeOrigin::root(), ADMINS[1]));
			assert_eq!(last_event(), Event::ValidatorAdded { who: ADMINS[1] });
			assert_eq!(Consortium::new_session(2), Some(vec![ADMINS[0], ADMINS[1]]));
			assert_eq!(Consortium::new_session(3), None);
		});
	}

	#[test]
	fn a_validator_that_sets_its_keys_after_the_vote_joins_the_next_session() {
		ExtBuilder::default().build_and_execute(|| {
			SessionValidators::set(&vec![ADMINS[0]]);
			assert_ok!(Consortium::add_validator(RuntimeOrigin::root(), ADMINS[1]));
			// Without keys the session pallet leaves it out.
			assert_eq!(Consortium::new_session(2), Some(vec![ADMINS[0], ADMINS[1]]));
			assert_eq!(Consortium::new_session(3), None);
			// Keys set later: the set is announced again, once it is in the sessions no more.
			KeyedAccounts::set(&vec![ADMINS[0], ADMINS[1]]);
			assert_eq!(Consortium::new_session(4), Some(vec![ADMINS[0], ADMINS[1]]));
			SessionValidators::set(&vec![ADMINS[0], ADMINS[1]]);
			assert_eq!(Consortium::new_session(5), None);
		});
	}

	#[test]
	fn add_validator_fails_for_non_staff_or_duplicate_or_full() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::add_validator(RuntimeOrigin::root(), CITIZEN),
				Error::<Test>::NotStaff
			);
			assert_noop!(
				Consortium::add_validator(RuntimeOrigin::root(), ADMINS[0]),
				Error::<Test>::AlreadyValidator
			);
			for v in [ADMINS[1], ADMINS[2], ADMINS[3], OFFICER] {
				assert_ok!(Consortium::add_validator(RuntimeOrigin::root(), v));
			}
			assert_ok!(Consortium::add_staff(signed(ADMINS[1]), 60, Role::Officer));
			assert_noop!(
				Consortium::add_validator(RuntimeOrigin::root(), 60),
				Error::<Test>::TooManyValidators
			);
			assert_noop!(Consortium::add_validator(signed(ADMINS[0]), 60), BadOrigin);
		});
	}

	#[test]
	fn remove_validator_should_work_from_next_session() {
		ExtBuilder::default().with_validators(vec![1, 2]).build_and_execute(|| {
			Consortium::new_session(1);
			assert_ok!(Consortium::remove_validator(RuntimeOrigin::root(), 1));
			assert_eq!(last_event(), Event::ValidatorRemoved { who: 1 });
			assert_eq!(Consortium::new_session(2), Some(vec![2]));
		});
	}

	#[test]
	fn remove_validator_fails_below_minimum_or_unknown() {
		ExtBuilder::default().build_and_execute(|| {
			assert_noop!(
				Consortium::remove_validator(RuntimeOrigin::root(), ADMINS[0]),
				Error::<Test>::TooFewValidators
			);
			assert_noop!(
				Consortium::remove_validator(RuntimeOrigin::root(), ADMINS[1]),
				Error::<Test>::NotValidator
			);
			assert_noop!(Consortium::remove_validator(signed(ADMINS[0]), ADMINS[0]), BadOrigin);
		});
	}

	#[test]
	fn genesis_session_takes_the_genesis_validators() {
		ExtBuilder::default().with_validators(vec![1, 2]).build_and_execute(|| {
			assert_eq!(Consortium::new_session_genesis(0), Some(vec![1, 2]));
			assert_eq!(Consortium::new_session_genesis(1), Some(vec![1, 2]));
			assert_eq!(Consortium::new_session(2), None);
		});
	}
}

mod proposals {
	use super::*;

	#[test]
	fn propose_should_work() {
		ExtBuilder::default().build_and_execute(|| {
			let call = grant_call(1, Capability::IssueFines);
			assert_ok!(propose(ADMINS[0], call.clone()));
			let p = Proposals::<Test>::get(0).unwrap();
			assert_eq!((p.agency, p.author, p.end), (0, ADMINS[0], 11));
			assert_eq!(p.ayes.to_vec(), vec![0]);
			assert_eq!(ProposalCount::<Test>::get(), 1);
			let call_hash = <Test as frame_system::Config>::Hashing::hash_of(&call);
			assert_eq!(
				consortium_events(),
				vec![
					Event::Proposed { index: 0, agency: 0, author: ADMINS[0], call_hash, end: 11 },
					Event::Voted { index: 0, agency: 0, aye: true, ayes: 1, nays: 0 },
				]
			);
		});
	}

	#[test]
	fn propose_executes_at_once_in_a_one_member_consortium() {
		ExtBuilder::default().with_agencies(1).build_and_execute(|| {
			assert_ok!(propose(ADMINS[0], grant_call(0, Capability::IssueFines)));
			assert!(Consortium::has_capability(0, Capability::IssueFines));
			assert_eq!(last_event(), Event::ProposalExecuted { index: 0, result: Ok(()) });
			assert_eq!(ProposalCount::<Test>::get(), 0);
		});
	}

	#[test]
	fn propose_fails_for_non_admins() {
		ExtBuilder::default().build_and_execute(|| {
			let call = grant_call(1, Capability::IssueFines);
			assert_noop!(propose(OFFICER, call.clone()), Error::<Test>::NotAdmin);
			assert_noop!(propose(CITIZEN, call.clone()), Error::<Test>::NotStaff);
			assert_noop!(propose(STRANGER, call), Error::<Test>::NotStaff);
		});
	}

	#[test]
	fn propose_fails_for_too_long_or_too_heavy_calls() {
		ExtBuilder::default().build_and_execute(|| {
			let long = RuntimeCall::System(frame_system::Call::remark { remark: vec![0; 200] });
			assert_noop!(propose(ADMINS[0], long), Error::<Test>::CallTooLong);
			let call = grant_call(1, Capability::IssueFines);
			MaxProposalWeight::set(&Weight::from_parts(1, 0));
			assert!(!call.get_dispatch_info().total_weight().all_lte(MaxProposalWeight::get()));
			assert_noop!(propose(ADMINS[0], call), Error::<Test>::CallTooHeavy);
		});
	}

	#[test]
	fn propose_fails_for_calls_the_runtime_forbids() {
		ExtBuilder::default().build_and_execute(|| {
			let forbidden =
				RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![1] });
			assert_noop!(propose(ADMINS[0], forbidden), Error::<Test>::CallNotProposable);
		});
	}

	#[test]
	fn propose_fails_beyond_max_proposals() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(propose(ADMINS[0], grant_call(1, Capability::IssueLicence(0))));
			assert_ok!(propose(ADMINS[0], grant_call(1, Capability::IssueLicence(1))));
			assert_ok!(propose(ADMINS[1], grant_call(1, Capability::IssueLicence(2))));
			assert_noop!(
				propose(ADMINS[2], grant_call(1, Capability::IssueFines)),
				Error::<Test>::TooManyProposals
			);
		});
	}

	#[test]
	fn propose_fails_beyond_max_proposals_of_one_agency() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(propose(ADMINS[0], grant_call(1, Capability::IssueLicence(0))));
			assert_ok!(propose(ADMINS[0], grant_call(1, Capability::IssueLicence(1))));
			// One agency cannot fill the proposal slots: the others still propose.
			assert_noop!(
				propose(ADMINS[0], grant_call(1, Capability::IssueFines)),
				Error::<Test>::TooManyAgencyProposals
			);
			assert_eq!(ProposalsOf::<Test>::get(0), 2);
			assert_ok!(propose(ADMINS[1], grant_call(0, Capability::IssueFines)));
			// A decided proposal frees its agency's slot.
			assert_ok!(Consortium::cancel(signed(ADMINS[0]), 0));
			assert_eq!(ProposalsOf::<Test>::get(0), 1);
			assert_ok!(propose(ADMINS[0], grant_call(1, Capability::IssueFines)));
		});
	}

	#[test]
	fn votes_and_proposals_are_operational_and_failures_pay_only_what_they_use() {
		ExtBuilder::default().build_and_execute(|| {
			let call = grant_call(1, Capability::IssueFines);
			let propose_call = crate::Call::<Test>::propose { call: Box::new(call.clone()) };
			let vote_call = crate::Call::<Test>::vote { index: 0, aye: true };
			let declared = vote_call.get_dispatch_info();
			assert_eq!(propose_call.get_dispatch_info().class, DispatchClass::Operational);
			assert_eq!(declared.class, DispatchClass::Operational);
			assert!(declared.call_weight.all_gte(MaxProposalWeight::get()));
			// A vote on an unknown proposal is charged the vote's own cost, not the proposed
			// call's maximum.
			let err = Consortium::vote(signed(ADMINS[1]), 9, true).unwrap_err();
			assert_eq!(err.error, Error::<Test>::UnknownProposal.into());
			let charged = err.post_info.actual_weight.expect("weight refunded");
			assert_eq!(charged, <() as WeightInfo>::vote(4));
			let err = Consortium::propose(signed(OFFICER), Box::new(call)).unwrap_err();
			assert!(err.post_info.actual_weight.is_some());
		});
	}

	#[test]
	fn a_call_grown_too_heavy_since_it_was_proposed_is_not_dispatched() {
		ExtBuilder::default().build_and_execute(|| {
			let call = grant_call(1, Capability::IssueFines);
			assert_ok!(propose(ADMINS[0], call.clone()));
			assert_ok!(vote(ADMINS[1], 0, true));
			// A runtime upgrade lowers the limit (or raises the call's weight).
			MaxProposalWeight::set(&Weight::from_parts(1, 0));
			assert_ok!(vote(ADMINS[2], 0, true));
			assert_eq!(
				last_event(),
				Event::ProposalExecuted {
					index: 0,
					result: Err(Error::<Test>::CallTooHeavy.into())
				}
			);
			assert!(!Consortium::has_capability(1, Capability::IssueFines));
		});
	}

	#[test]
	fn vote_by_three_of_four_agencies_executes_the_call() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(propose(ADMINS[0], grant_call(1, Capability::IssueFines)));
			assert_ok!(vote(ADMINS[1], 0, true));
			// Two of four is not a strict majority.
			assert!(!Consortium::has_capability(1, Capability::IssueFines));
			assert_eq!(
				last_event(),
				Event::Voted { index: 0, agency: 1, aye: true, ayes: 2, nays: 0 }
			);
			assert_ok!(vote(ADMINS[2], 0, true));
			assert!(Consortium::has_capability(1, Capability::IssueFines));
			let events = consortium_events();
			assert_eq!(
				events[events.len() - 3..].to_vec(),
				vec![
					Event::Voted { index: 0, agency: 2, aye: true, ayes: 3, nays: 0 },
					Event::CapabilityGranted { agency: 1, capability: Capability::IssueFines },
					Event::ProposalExecuted { index: 0, result: Ok(()) },
				]
			);
			assert!(Proposals::<Test>::get(0).is_none());
		});
	}

	#[test]
	fn vote_reports_the_failure_of_an_approved_call() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(propose(ADMINS[0], grant_call(9, Capability::IssueFines)));
			assert_ok!(vote(ADMINS[1], 0, true));
			assert_ok!(vote(ADMINS[2], 0, true));
			assert_eq!(
				last_event(),
				Event::ProposalExecuted {
					index: 0,
					result: Err(Error::<Test>::UnknownAgency.into())
				}
			);
		});
	}

	#[test]
	fn vote_admits_a_fifth_agency_which_then_acts() {
		ExtBuilder::default().build_and_execute(|| {
			let call = RuntimeCall::Consortium(crate::Call::admit_agency {
				name: name("Market Regulation"),
				kind: AgencyKind::MarketRegulation,
				city: 320100,
				admins: vec![50].try_into().unwrap(),
				capabilities: vec![Capability::RegisterPersons].try_into().unwrap(),
			});
			assert_ok!(propose(ADMINS[0], call));
			assert_ok!(vote(ADMINS[1], 0, true));
			assert_ok!(vote(ADMINS[3], 0, true));
			assert_eq!(MemberCount::<Test>::get(), 5);
			assert_ok!(Consortium::enrol(signed(50), 51, SubjectKind::Company));
			assert_eq!(
				Accounts::<Test>::get(51),
				Some(Admission::Enrolled { by: 4, kind: SubjectKind::Company })
			);
		});
	}

	#[test]
	fn votes_against_reject_when_majority_is_out_of_reach() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(propose(ADMINS[0], grant_call(1, Capability::IssueFines)));
			assert_ok!(vote(ADMINS[1], 0, false));
			assert!(Proposals::<Test>::get(0).is_some());
			assert_ok!(vote(ADMINS[2], 0, false));
			// Two of four against: at most two in favour, never a strict majority.
			assert_eq!(last_event(), Event::ProposalRejected { index: 0 });
			assert!(Proposals::<Test>::get(0).is_none());
			assert!(!Consortium::has_capability(1, Capability::IssueFines));
		});
	}

	#[test]
	fn vote_can_be_changed_but_not_repeated() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(propose(ADMINS[0], grant_call(1, Capability::IssueFines)));
			assert_noop!(vote(ADMINS[0], 0, true), Error::<Test>::DuplicateVote);
			assert_ok!(vote(ADMINS[1], 0, false));
			assert_ok!(vote(ADMINS[1], 0, true));
			let p = Proposals::<Test>::get(0).unwrap();
			assert_eq!((p.ayes.to_vec(), p.nays.to_vec()), (vec![0, 1], vec![]));
		});
	}

	#[test]
	fn vote_fails_for_non_admins_unknown_or_expired_proposals() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(propose(ADMINS[0], grant_call(1, Capability::IssueFines)));
			assert_noop!(vote(OFFICER, 0, true), Error::<Test>::NotAdmin);
			assert_noop!(vote(CITIZEN, 0, true), Error::<Test>::NotStaff);
			assert_noop!(vote(ADMINS[1], 7, true), Error::<Test>::UnknownProposal);
			System::set_block_number(12);
			assert_noop!(vote(ADMINS[1], 0, true), Error::<Test>::ProposalExpired);
		});
	}

	#[test]
	fn cancel_should_work() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(propose(ADMINS[0], grant_call(1, Capability::IssueFines)));
			assert_ok!(Consortium::cancel(signed(ADMINS[0]), 0));
			assert_eq!(last_event(), Event::ProposalCancelled { index: 0 });
			assert_eq!(ProposalCount::<Test>::get(), 0);
		});
	}

	#[test]
	fn cancel_fails_for_other_agencies_or_unknown() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(propose(ADMINS[0], grant_call(1, Capability::IssueFines)));
			assert_noop!(Consortium::cancel(signed(ADMINS[1]), 0), Error::<Test>::NotProposer);
			assert_noop!(Consortium::cancel(signed(ADMINS[0]), 3), Error::<Test>::UnknownProposal);
			assert_noop!(Consortium::cancel(signed(OFFICER), 0), Error::<Test>::NotAdmin);
		});
	}

	#[test]
	fn close_should_work_after_expiry() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(propose(ADMINS[0], grant_call(1, Capability::IssueFines)));
			System::set_block_number(12);
			assert_ok!(Consortium::close(signed(CITIZEN), 0));
			assert_eq!(last_event(), Event::ProposalExpired { index: 0 });
			assert_eq!(ProposalCount::<Test>::get(), 0);
		});
	}

	#[test]
	fn close_fails_while_open_or_unknown() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(propose(ADMINS[0], grant_call(1, Capability::IssueFines)));
			System::set_block_number(11);
			assert_noop!(Consortium::close(signed(CITIZEN), 0), Error::<Test>::ProposalStillOpen);
			assert_noop!(Consortium::close(signed(CITIZEN), 5), Error::<Test>::UnknownProposal);
			assert_noop!(Consortium::close(RuntimeOrigin::root(), 0), BadOrigin);
		});
	}

	#[test]
	fn proposal_can_change_validators() {
		ExtBuilder::default().build_and_execute(|| {
			let call = RuntimeCall::Consortium(crate::Call::add_validator { who: ADMINS[3] });
			assert_ok!(propose(ADMINS[0], call));
			assert_ok!(vote(ADMINS[1], 0, true));
			assert_ok!(vote(ADMINS[2], 0, true));
			assert_eq!(Consortium::new_session(5), Some(vec![ADMINS[0], ADMINS[3]]));
		});
	}
}

mod admission {
	use super::*;
	use frame_support::dispatch::DispatchInfo;

	fn remark() -> RuntimeCall {
		RuntimeCall::System(frame_system::Call::remark { remark: vec![] })
	}

	/// A call every admitted account may submit.
	fn open_call() -> RuntimeCall {
		RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![] })
	}

	fn info(ref_time: u64) -> DispatchInfo {
		DispatchInfo { call_weight: Weight::from_parts(ref_time, 0), ..Default::default() }
	}

	fn validate_call(
		who: AccountId,
		nonce: u32,
		call: &RuntimeCall,
		info: &DispatchInfo,
		len: usize,
	) -> Result<ValidTransaction, TransactionValidityError> {
		CheckNonce::<Test>::from(nonce)
			.validate_only(signed(who), call, info, len, TransactionSource::External, 0)
			.map(|(v, _, _)| v)
	}

	fn validate(who: AccountId, nonce: u32) -> Result<(), TransactionValidityError> {
		validate_call(who, nonce, &open_call(), &info(0), 0).map(|_| ())
	}

	/// Validates, prepares, dispatches and post-dispatches a transaction of `who` with its
	/// current nonce, as a block does.
	fn apply_with(
		who: AccountId,
		call: RuntimeCall,
		info: &DispatchInfo,
		len: usize,
	) -> Result<(), TransactionValidityError> {
		let nonce = System::account_nonce(who);
		CheckNonce::<Test>::from(nonce)
			.dispatch_transaction(signed(who), call, info, len, 0)
			.map(|_| ())
	}

	fn apply(who: AccountId) -> Result<(), TransactionValidityError> {
		apply_with(who, open_call(), &info(0), 0)
	}

	fn refused(code: u8) -> TransactionValidityError {
		TransactionValidityError::Invalid(InvalidTransaction::Custom(code))
	}

	#[test]
	fn stranger_is_refused_and_admitted_accounts_pass() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(validate(STRANGER, 0), Err(refused(invalid_tx::NOT_ADMITTED)));
			assert_eq!(validate(CITIZEN, 0), Ok(()));
			assert_eq!(validate(OFFICER, 0), Ok(()));
		});
	}

	#[test]
	fn unsigned_transactions_pass_untouched_and_unweighed() {
		ExtBuilder::default().build_and_execute(|| {
			let call = open_call();
			let ext = CheckNonce::<Test>::from(0);
			let (validity, val, _) = TransactionExtension::validate(
				&ext,
				RuntimeOrigin::none(),
				&call,
				&info(0),
				0,
				(),
				&sp_runtime::traits::TxBaseImplication(&call),
				TransactionSource::External,
			)
			.expect("not its business");
			assert_eq!(validity, ValidTransaction::default());
			assert!(matches!(val, crate::extension::Val::Refund(w) if w == ext.weight(&call)));
			assert_eq!(System::account_nonce(STRANGER), 0);
		});
	}

	#[test]
	fn unenrolled_account_is_refused() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::unenrol(signed(OFFICER), CITIZEN));
			assert_eq!(validate(CITIZEN, 0), Err(refused(invalid_tx::NOT_ADMITTED)));
		});
	}

	#[test]
	fn nonce_is_checked_as_by_the_system_extension() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(apply(CITIZEN));
			assert_eq!(System::account_nonce(CITIZEN), 1);
			assert_eq!(validate(CITIZEN, 0), Err(InvalidTransaction::Stale.into()));
			assert_eq!(
				CheckNonce::<Test>::from(2)
					.validate_and_prepare(signed(CITIZEN), &open_call(), &info(0), 0, 0)
					.map(|_| ()),
				Err(InvalidTransaction::Future.into())
			);
		});
	}

	#[test]
	fn readmitted_account_keeps_its_nonce_so_old_transactions_cannot_be_replayed() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(apply(CITIZEN));
			assert_ok!(apply(CITIZEN));
			assert_ok!(Consortium::unenrol(signed(OFFICER), CITIZEN));
			assert_ok!(Consortium::enrol(signed(OFFICER), CITIZEN, SubjectKind::Citizen));
			// The transactions signed with nonces 0 and 1 are stale, not valid again.
			assert_eq!(System::account_nonce(CITIZEN), 2);
			assert_eq!(validate(CITIZEN, 0), Err(InvalidTransaction::Stale.into()));
			assert_eq!(validate(CITIZEN, 1), Err(InvalidTransaction::Stale.into()));
			assert_eq!(System::providers(&CITIZEN), 1);
		});
	}

	#[test]
	fn alias_accounts_are_admitted_with_an_enrolled_accounts_quota_and_released() {
		use civitas_primitives::AliasAdmission;
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(<Consortium as AliasAdmission<_>>::admit_alias(
				&STRANGER,
				SubjectKind::Citizen
			));
			assert!(<Consortium as AliasAdmission<_>>::is_admitted(&STRANGER));
			assert_eq!(
				Accounts::<Test>::get(STRANGER),
				Some(Admission::Alias { kind: SubjectKind::Citizen })
			);
			for _ in 0..3 {
				assert_ok!(apply(STRANGER));
			}
			assert_eq!(apply(STRANGER), Err(refused(invalid_tx::QUOTA_EXCEEDED)));
			// Staff, enrolled and alias accounts are never admitted twice.
			for who in [OFFICER, CITIZEN, STRANGER] {
				assert_noop!(
					<Consortium as AliasAdmission<_>>::admit_alias(&who, SubjectKind::Citizen),
					Error::<Test>::AlreadyAdmitted
				);
			}
			// Releasing touches alias accounts only.
			<Consortium as AliasAdmission<_>>::release_alias(&CITIZEN);
			<Consortium as AliasAdmission<_>>::release_alias(&OFFICER);
			assert!(
				Accounts::<Test>::contains_key(CITIZEN) && Accounts::<Test>::contains_key(OFFICER)
			);
			<Consortium as AliasAdmission<_>>::release_alias(&STRANGER);
			assert_eq!(validate(STRANGER, 3), Err(refused(invalid_tx::NOT_ADMITTED)));
			assert!(!<Consortium as AliasAdmission<_>>::is_admitted(&STRANGER));
			// An enrolling agency cannot unenrol an alias account: it enrolled none.
			assert_ok!(<Consortium as AliasAdmission<_>>::admit_alias(
				&STRANGER,
				SubjectKind::Company
			));
			assert_noop!(
				Consortium::unenrol(signed(OFFICER), STRANGER),
				Error::<Test>::NotEnrolled
			);
		});
	}

	#[test]
	fn quota_counts_included_transactions_per_window() {
		ExtBuilder::default().build_and_execute(|| {
			// Enrolled quota: 3 per window of 10 blocks; block 1 is in window 0.
			for _ in 0..3 {
				assert_ok!(apply(CITIZEN));
			}
			assert_eq!(Consortium::quota_left(CITIZEN), 0);
			assert_eq!(apply(CITIZEN), Err(refused(invalid_tx::QUOTA_EXCEEDED)));
			System::set_block_number(10);
			assert_eq!(Consortium::quota_left(CITIZEN), 3, "a new window, a new quota");
			assert_ok!(apply(CITIZEN));
		});
	}

	#[test]
	fn quota_counts_bytes() {
		ExtBuilder::default().build_and_execute(|| {
			// Enrolled: 500 bytes per window.
			assert_ok!(apply_with(CITIZEN, open_call(), &info(0), 200));
			assert_ok!(apply_with(CITIZEN, open_call(), &info(0), 200));
			assert_eq!(
				apply_with(CITIZEN, open_call(), &info(0), 101),
				Err(refused(invalid_tx::QUOTA_EXCEEDED))
			);
			assert_ok!(apply_with(CITIZEN, open_call(), &info(0), 100));
			assert_eq!(Consortium::quota(CITIZEN).unwrap().1.bytes, 500);
		});
	}

	#[test]
	fn quota_counts_the_weight_actually_used() {
		ExtBuilder::default().build_and_execute(|| {
			// Enrolled: 300_000_000 of weight per window. A transaction declared heavy but
			// refunded counts for what it used.
			let heavy = info(250_000_000);
			assert_ok!(apply_with(CITIZEN, open_call(), &heavy, 0));
			let used = Consortium::quota(CITIZEN).unwrap().1.weight;
			assert!(used <= 250_000_000);
			assert_eq!(
				validate_call(CITIZEN, 1, &open_call(), &info(300_000_001 - used), 0).map(|_| ()),
				Err(refused(invalid_tx::QUOTA_EXCEEDED))
			);
			assert_ok!(validate_call(CITIZEN, 1, &open_call(), &info(300_000_000 - used), 0));
		});
	}

	#[test]
	fn enrolled_accounts_cannot_write_remarks_nor_long_transactions() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(
				validate_call(CITIZEN, 0, &remark(), &info(0), 0).map(|_| ()),
				Err(refused(invalid_tx::CALL_NOT_ALLOWED))
			);
			assert_eq!(
				validate_call(CITIZEN, 0, &open_call(), &info(0), 257).map(|_| ()),
				Err(refused(invalid_tx::TOO_LONG))
			);
			assert_ok!(validate_call(CITIZEN, 0, &open_call(), &info(0), 256));
			// A company's bound is larger (batches of invoices), and bounded too.
			assert_ok!(Consortium::enrol(signed(OFFICER), 40, SubjectKind::Company));
			assert_ok!(validate_call(40, 0, &open_call(), &info(0), 1_024));
			assert_eq!(
				validate_call(40, 0, &open_call(), &info(0), 1_025).map(|_| ()),
				Err(refused(invalid_tx::TOO_LONG))
			);
			// Staff may, within their larger quota.
			assert_ok!(validate_call(OFFICER, 0, &remark(), &info(0), 1_000));
			// The check holds in the block too, not only in the pool.
			assert_eq!(
				apply_with(CITIZEN, remark(), &info(0), 0),
				Err(refused(invalid_tx::CALL_NOT_ALLOWED))
			);
		});
	}

	#[test]
	fn operational_transactions_get_priority_over_ordinary_ones() {
		ExtBuilder::default().build_and_execute(|| {
			let ordinary = validate_call(ADMINS[0], 0, &open_call(), &info(0), 0).unwrap();
			let operational = DispatchInfo { class: DispatchClass::Operational, ..info(0) };
			let vote = RuntimeCall::Consortium(crate::Call::vote { index: 0, aye: true });
			let urgent = validate_call(ADMINS[0], 0, &vote, &operational, 0).unwrap();
			assert_eq!(ordinary.priority, 0);
			assert_eq!(urgent.priority, u64::MAX / 2);
		});
	}

	#[test]
	fn quota_cuts_a_burst_in_the_pool_at_exactly_the_quota() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(apply(CITIZEN));
			// Nonces 1 and 2 fill the quota with the one included; nonce 3 is one too many.
			assert_eq!(validate(CITIZEN, 1), Ok(()));
			assert_eq!(validate(CITIZEN, 2), Ok(()));
			assert_eq!(validate(CITIZEN, 3), Err(refused(invalid_tx::QUOTA_EXCEEDED)));
		});
	}

	#[test]
	fn staff_get_the_larger_quota() {
		ExtBuilder::default().build_and_execute(|| {
			assert_eq!(Consortium::quota_left(OFFICER), 5);
			assert_eq!(validate(OFFICER, 4), Ok(()));
			assert_eq!(validate(OFFICER, 5), Err(refused(invalid_tx::QUOTA_EXCEEDED)));
			assert_eq!(Consortium::quota_left(STRANGER), 0);
		});
	}

	#[test]
	fn companies_get_their_own_quota() {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consortium::enrol(signed(OFFICER), 40, SubjectKind::Company));
			// Four transactions a window in the mock, where a citizen has three.
			assert_eq!(Consortium::quota_left(40), 4);
			assert_eq!(Consortium::quota_left(CITIZEN), 3);
			assert_eq!(validate(40, 3), Ok(()));
			assert_eq!(validate(40, 4), Err(refused(invalid_tx::QUOTA_EXCEEDED)));
		});
	}
}

#[test]
fn integrity_test_passes() {
	ExtBuilder::default().build_and_execute(|| {
		<Consortium as Hooks<u64>>::integrity_test();
	});
}
