// Civitas: what the node's JSON-RPC interfaces refuse beyond upstream's unsafe methods.
//
// 1. On every interface: runtime calls that only block authoring may make. The runtime's
//    `BlockBuilderBatch_apply_extrinsics` applies any number of transactions in one call (the
//    node's proposer uses it in process); through `state_call` one request would make the node
//    verify ~100,000 signatures.
// 2. Where unsafe methods are denied (`--rpc-methods safe`, or `auto` on a non-loopback
//    address): listing the keys of the state under a prefix. An app node's interface serves
//    submission, heads, metadata, point reads of known keys, runtime APIs and view functions;
//    walking a map of the state needs the operator's interface.

use futures::future::{BoxFuture, FutureExt};
use jsonrpsee::{
	server::middleware::rpc::RpcServiceT,
	types::{ErrorObject, Request},
	MethodResponse,
};

/// Methods that list storage keys (or pairs) under a prefix, refused outright.
pub const ENUMERATING_METHODS: &[&str] = &[
	"state_getKeys",
	"state_getKeysPaged",
	"state_getKeysPagedAt",
	"state_getPairs",
	"state_getStorageDiff",
	"childstate_getKeys",
	"childstate_getKeysPaged",
	"childstate_getKeysPagedAt",
	"archive_v1_storageDiff",
	"archive_unstable_storageDiff",
];

/// Methods whose storage queries may ask for a key's descendants; refused when they do.
pub const DESCENDANT_QUERY_METHODS: &[&str] =
	&["chainHead_v1_storage", "archive_v1_storage", "archive_unstable_storage"];

/// The JSON-RPC error code of a refused call (the one Substrate uses for unsafe methods).
pub const REFUSED_CODE: i32 = -32601;

/// The message of a refused enumeration.
pub const REFUSED_MESSAGE: &str =
	"storage enumeration is not served on this interface: read known keys, or call a runtime API";

/// Methods that call the runtime, by the function they name.
pub const RUNTIME_CALL_METHODS: &[&str] = &[
	"state_call",
	"state_callAt",
	"chainHead_v1_call",
	"archive_v1_call",
	"archive_unstable_call",
	"chainHead_unstable_call",
];

/// Runtime API functions (and prefixes of them) that only block authoring may call.
pub const AUTHORING_ONLY_FUNCTIONS: &[&str] = &["BlockBuilderBatch_"];

/// The message of a refused runtime call.
pub const AUTHORING_ONLY_MESSAGE: &str =
	"this runtime function is for block authoring only and is not served over RPC";

/// Whether `method` with `params` (JSON) calls a runtime function that only block authoring
/// may call. The function's name is one of the parameters' strings (its position differs
/// between the legacy and the new JSON-RPC methods).
pub fn calls_authoring_only(method: &str, params: Option<&str>) -> bool {
	if !RUNTIME_CALL_METHODS.contains(&method) {
		return false;
	}
	let Some(params) = params else { return false };
	let names = |value: &serde_json::Value| -> bool {
		value.as_str().is_some_and(|name| {
			AUTHORING_ONLY_FUNCTIONS.iter().any(|prefix| name.starts_with(prefix))
		})
	};
	match serde_json::from_str::<serde_json::Value>(params) {
		Ok(serde_json::Value::Array(items)) => items.iter().any(names),
		Ok(serde_json::Value::Object(map)) => map.values().any(names),
		_ => false,
	}
}

/// Whether `method` with `params` (JSON) enumerates storage.
pub fn enumerates(method: &str, params: Option<&str>) -> bool {
	if ENUMERATING_METHODS.contains(&method) {
		return true;
	}
	if !DESCENDANT_QUERY_METHODS.contains(&method) {
		return false;
	}
	// The items' `type` is `value`, `hash`, `closestDescendantMerkleValue`, `descendantsValues`
	// or `descendantsHashes`; refuse the last two wherever they appear in the parameters.
	let Some(params) = params else { return false };
	match serde_json::from_str::<serde_json::Value>(params) {
		Ok(value) => asks_descendants(&value),
		// Parameters the method itself would refuse: let it answer.
		Err(_) => false,
	}
}

fn asks_descendants(value: &serde_json::Value) -> bool {
	match value {
		serde_json::Value::Array(items) => items.iter().any(asks_descendants),
		serde_json::Value::Object(map) => map.iter().any(|(key, v)| {
			(key == "type"
				&& matches!(v.as_str(), Some("descendantsValues") | Some("descendantsHashes")))
				|| asks_descendants(v)
		}),
		_ => false,
	}
}

/// The layer that puts [`CivitasGate`] in front of the RPC service.
#[derive(Debug, Clone, Default)]
pub struct CivitasGateLayer {
	/// Whether storage enumeration is refused too (where unsafe methods are denied).
	pub refuse_enumeration: bool,
}

impl<S> tower::Layer<S> for CivitasGateLayer {
	type Service = CivitasGate<S>;

	fn layer(&self, service: S) -> Self::Service {
		CivitasGate { service, refuse_enumeration: self.refuse_enumeration }
	}
}

/// Answers authoring-only runtime calls, and storage enumeration where it is refused, with an
/// error; passes every other call on.
#[derive(Debug, Clone)]
pub struct CivitasGate<S> {
	service: S,
	refuse_enumeration: bool,
}

impl<'a, S> RpcServiceT<'a> for CivitasGate<S>
where
	S: Send + Sync + RpcServiceT<'a> + Clone + 'static,
{
	type Future = BoxFuture<'a, MethodResponse>;

	fn call(&self, req: Request<'a>) -> Self::Future {
		let params = req.params.as_ref().map(|p| p.get());
		let refusal = if calls_authoring_only(req.method_name(), params) {
			Some(AUTHORING_ONLY_MESSAGE)
		} else if self.refuse_enumeration && enumerates(req.method_name(), params) {
			Some(REFUSED_MESSAGE)
		} else {
			None
		};
		if let Some(message) = refusal {
			log::debug!(target: "rpc", "refused {}: {message}", req.method_name());
			let response = MethodResponse::error(
				req.id,
				ErrorObject::owned(REFUSED_CODE, message, None::<()>),
			);
			return async move { response }.boxed();
		}
		let service = self.service.clone();
		async move { service.call(req).await }.boxed()
	}
}
