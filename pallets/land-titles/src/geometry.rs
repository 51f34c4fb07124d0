//! Plane geometry of parcels, in exact integer arithmetic: polygon checks, area, and whether
//! two parcels' interiors intersect.
//!
//! A point is a WGS84 position in integer micro-degrees. Parcels are small (kilometres at
//! most), so the geometry treats longitude and latitude as plane coordinates: segment tests
//! and containment are exact on those coordinates, and the area is a local equirectangular
//! approximation (within a few parts per ten thousand at parcel scale). Longitudes are not
//! wrapped: a parcel does not straddle the antimeridian.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A WGS84 position, in micro-degrees.
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
	Default,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct Point {
	/// Latitude, −90 000 000 to 90 000 000.
	pub lat: i32,
	/// Longitude, −180 000 000 to 180 000 000.
	pub lon: i32,
}

impl Point {
	pub const fn new(lat: i32, lon: i32) -> Self {
		Self { lat, lon }
	}
}

/// A bounding box, in micro-degrees (inclusive).
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
	Default,
)]
pub struct BBox {
	pub min_lat: i32,
	pub min_lon: i32,
	pub max_lat: i32,
	pub max_lon: i32,
}

impl BBox {
	/// Whether the two boxes share a point.
	pub fn touches(&self, other: &BBox) -> bool {
		self.min_lat <= other.max_lat
			&& other.min_lat <= self.max_lat
			&& self.min_lon <= other.max_lon
			&& other.min_lon <= self.max_lon
	}
}

/// What is wrong with a polygon.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PolygonError {
	/// Fewer than 3 vertices.
	TooFewVertices,
	/// A latitude or longitude out of range.
	OutOfRange,
	/// Two consecutive vertices (or the last and the first) are the same point.
	RepeatedVertex,
	/// Two edges meet other than at their shared vertex, or an edge doubles back (vertices all
	/// on one line are such a polygon).
	SelfIntersecting,
}

/// Plane coordinates, doubled (so that midpoints of vertices are exact).
type P = (i64, i64);

fn p2(p: &Point) -> P {
	(i64::from(p.lon).saturating_mul(2), i64::from(p.lat).saturating_mul(2))
}

// Doubled coordinates are at most 360 000 000 in magnitude, so differences stay below 7.2 × 10⁸
// and a cross or dot product of two differences below 1.1 × 10¹⁸, within i64 (native in wasm,
// unlike i128): the saturating operations below never saturate; they only keep the arithmetic
// free of panics.

fn sub(a: P, b: P) -> P {
	(a.0.saturating_sub(b.0), a.1.saturating_sub(b.1))
}

fn cross(a: P, b: P) -> i64 {
	a.0.saturating_mul(b.1).saturating_sub(a.1.saturating_mul(b.0))
}

fn dot(a: P, b: P) -> i64 {
	a.0.saturating_mul(b.0).saturating_add(a.1.saturating_mul(b.1))
}

/// The sign of the turn a → b → c: positive counter-clockwise, zero collinear.
fn orient(a: P, b: P, c: P) -> i64 {
	cross(sub(b, a), sub(c, a)).signum()
}

/// Whether `p`, collinear with `a`–`b`, lies on the closed segment.
fn within(p: P, a: P, b: P) -> bool {
	a.0.min(b.0) <= p.0 && p.0 <= a.0.max(b.0) && a.1.min(b.1) <= p.1 && p.1 <= a.1.max(b.1)
}

fn on_segment(p: P, a: P, b: P) -> bool {
	within(p, a, b) && orient(a, b, p) == 0
}

/// Whether the boxes of segments a–b and c–d meet: a cheap test before the exact ones.
fn boxes_meet(a: P, b: P, c: P, d: P) -> bool {
	a.0.max(b.0) >= c.0.min(d.0)
		&& c.0.max(d.0) >= a.0.min(b.0)
		&& a.1.max(b.1) >= c.1.min(d.1)
		&& c.1.max(d.1) >= a.1.min(b.1)
}

/// Whether the closed segments a–b and c–d share a point.
fn segments_touch(a: P, b: P, c: P, d: P) -> bool {
	if !boxes_meet(a, b, c, d) {
		return false;
	}
	let (o1, o2, o3, o4) = (orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b));
	if o1 != o2 && o1 != 0 && o2 != 0 && o3 != o4 && o3 != 0 && o4 != 0 {
		return true;
	}
	(o1 == 0 && within(c, a, b))
		|| (o2 == 0 && within(d, a, b))
		|| (o3 == 0 && within(a, c, d))
		|| (o4 == 0 && within(b, c, d))
}

/// Whether the open segments a–b and c–d cross at one point inside both.
fn proper_cross(a: P, b: P, c: P, d: P) -> bool {
	if !boxes_meet(a, b, c, d) {
		return false;
	}
	let (o1, o2, o3, o4) = (orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b));
	o1 != o2 && o1 != 0 && o2 != 0 && o3 != o4 && o3 != 0 && o4 != 0
}

/// The edges of a polygon: each vertex with the next, the last with the first.
fn edges<T: Copy>(poly: &[T]) -> impl Iterator<Item = (T, T)> + '_ {
	poly.iter().copied().zip(poly.iter().copied().cycle().skip(1))
}

/// Checks a parcel boundary: at least 3 vertices, in range, no repeated consecutive vertex, a
/// simple polygon (no edge meets another but its neighbours at their shared vertex).
pub fn validate(points: &[Point]) -> Result<(), PolygonError> {
	if points.len() < 3 {
		return Err(PolygonError::TooFewVertices);
	}
	if points.iter().any(|p| {
		!(-90_000_000..=90_000_000).contains(&p.lat)
			|| !(-180_000_000..=180_000_000).contains(&p.lon)
	}) {
		return Err(PolygonError::OutOfRange);
	}
	let poly: alloc::vec::Vec<P> = points.iter().map(p2).collect();
	let n = poly.len();
	if edges(&poly).any(|(a, b)| a == b) {
		return Err(PolygonError::RepeatedVertex);
	}
	let last = n.saturating_sub(1);
	for (i, (a, b)) in edges(&poly).enumerate() {
		for (j, (c, d)) in edges(&poly).enumerate().skip(i.saturating_add(1)) {
			if j == i.saturating_add(1) || (i == 0 && j == last) {
				// Neighbours share one vertex; they must not double back over each other.
				let (shared, x, y) = if j == i.saturating_add(1) { (b, a, d) } else { (a, b, c) };
				if orient(x, shared, y) == 0 && dot(sub(x, shared), sub(y, shared)) > 0 {
					return Err(PolygonError::SelfIntersecting);
				}
			} else if segments_touch(a, b, c, d) {
				return Err(PolygonError::SelfIntersecting);
			}
		}
	}
	// A simple polygon encloses an area; this only guards the checks above.
	if area2(points) == 0 {
		return Err(PolygonError::SelfIntersecting);
	}
	Ok(())
}

/// Twice the signed area (µdeg²; positive counter-clockwise, longitude east, latitude north).
pub fn area2(points: &[Point]) -> i128 {
	let poly: alloc::vec::Vec<P> =
		points.iter().map(|p| (i64::from(p.lon), i64::from(p.lat))).collect();
	edges(&poly).fold(0i128, |s, (a, b)| s.saturating_add(i128::from(cross(a, b))))
}

/// The bounding box.
pub fn bbox(points: &[Point]) -> BBox {
	let mut b = BBox { min_lat: i32::MAX, min_lon: i32::MAX, max_lat: i32::MIN, max_lon: i32::MIN };
	for p in points {
		b.min_lat = b.min_lat.min(p.lat);
		b.max_lat = b.max_lat.max(p.lat);
		b.min_lon = b.min_lon.min(p.lon);
		b.max_lon = b.max_lon.max(p.lon);
	}
	b
}

/// cos(k°) × 10⁹ for k = 0..=90.
const COS: [u64; 91] = [
	1_000_000_000,
	999_847_695,
	999_390_827,
	998_629_535,
	997_564_050,
	996_194_698,
	994_521_895,
	992_546_152,
	990_268_069,
	987_688_341,
	984_807_753,
	981_627_183,
	978_147_601,
	974_370_065,
	970_295_726,
	965_925_826,
	961_261_696,
	956_304_756,
	951_056_516,
	945_518_576,
	939_692_621,
	933_580_426,
	927_183_855,
	920_504_853,
	913_545_458,
	906_307_787,
	898_794_046,
	891_006_524,
	882_947_593,
	874_619_707,
	866_025_404,
	857_167_301,
	848_048_096,
	838_670_568,
	829_037_573,
	819_152_044,
	809_016_994,
	798_635_510,
	788_010_754,
	777_145_961,
	766_044_443,
	754_709_580,
	743_144_825,
	731_353_702,
	719_339_800,
	707_106_781,
	694_658_370,
	681_998_360,
	669_130_606,
	656_059_029,
	642_787_610,
	629_320_391,
	615_661_475,
	601_815_023,
	587_785_252,
	573_576_436,
	559_192_903,
	544_639_035,
	529_919_264,
	515_038_075,
	500_000_000,
	484_809_620,
	469_471_563,
	453_990_500,
	438_371_147,
	422_618_262,
	406_736_643,
	390_731_128,
	374_606_593,
	358_367_950,
	342_020_143,
	325_568_154,
	309_016_994,
	292_371_705,
	275_637_356,
	258_819_045,
	241_921_896,
	224_951_054,
	207_911_691,
	190_808_995,
	173_648_178,
	156_434_465,
	139_173_101,
	121_869_343,
	104_528_463,
	87_155_743,
	69_756_474,
	52_335_956,
	34_899_497,
	17_452_406,
	0,
];

/// cos(latitude) × 10⁹, interpolated between whole degrees.
fn cos_e9(lat: i32) -> u128 {
	let a = lat.unsigned_abs().min(90_000_000);
	let (deg, frac) = ((a / 1_000_000) as usize, u128::from(a % 1_000_000));
	let lo = u128::from(COS.get(deg).copied().unwrap_or(0));
	let hi = u128::from(COS.get(deg.saturating_add(1)).copied().unwrap_or(0));
	lo.saturating_sub(lo.saturating_sub(hi).saturating_mul(frac) / 1_000_000)
}

/// Metres per degree of longitude at the equator, and of latitude (mean).
const M_PER_DEG_LON: u128 = 111_320;
const M_PER_DEG_LAT: u128 = 110_574;

/// The area in m², by the equirectangular approximation about the box's middle latitude.
pub fn area_m2(points: &[Point]) -> u128 {
	let b = bbox(points);
	let mid = i32::try_from(i64::from(b.min_lat).saturating_add(i64::from(b.max_lat)) / 2)
		.unwrap_or_default();
	let a2 = area2(points).unsigned_abs();
	// a2 / 2 µdeg² × (m/deg)² × cos / 10¹² (µdeg² per deg²) / 10⁹ (cos scale).
	(a2.saturating_mul(M_PER_DEG_LON * M_PER_DEG_LAT) / 1_000_000).saturating_mul(cos_e9(mid))
		/ 2_000_000_000_000_000
}

/// Where a point lies against a polygon.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Place {
	Inside,
	Boundary,
	Outside,
}

fn locate(p: P, poly: &[P]) -> Place {
	let mut inside = false;
	for (a, b) in edges(poly) {
		if on_segment(p, a, b) {
			return Place::Boundary;
		}
		if (a.1 > p.1) != (b.1 > p.1) {
			let o = orient(a, b, p);
			if (b.1 > a.1 && o > 0) || (b.1 < a.1 && o < 0) {
				inside = !inside;
			}
		}
	}
	if inside {
		Place::Inside
	} else {
		Place::Outside
	}
}

/// A polygon in doubled coordinates, counter-clockwise.
fn ccw(points: &[Point]) -> alloc::vec::Vec<P> {
	let mut poly: alloc::vec::Vec<P> = points.iter().map(p2).collect();
	if area2(points) < 0 {
		poly.reverse();
	}
	poly
}

/// Where the pieces of `p`'s boundary lie against `q`: each edge of `p` is cut at `q`'s vertices
/// on it, and each piece is located by its midpoint. Unless an edge of `p` properly crosses one
/// of `q`, each piece meets `q`'s boundary only at its ends or runs along it, so its midpoint
/// tells where the whole piece lies.
fn pieces(p: &[P], q: &[P]) -> alloc::vec::Vec<Place> {
	let mut out = alloc::vec::Vec::new();
	for (s, e) in edges(p) {
		let dir = sub(e, s);
		let mut cuts: alloc::vec::Vec<(i64, P)> = alloc::vec![(0, s), (dot(dir, dir), e)];
		cuts.extend(q.iter().filter(|v| on_segment(**v, s, e)).map(|v| (dot(sub(*v, s), dir), *v)));
		cuts.sort_by_key(|c| c.0);
		for (u, v) in cuts.iter().map(|c| c.1).zip(cuts.iter().map(|c| c.1).skip(1)) {
			if u != v {
				// Vertices have even (doubled) coordinates: the midpoint is exact.
				out.push(locate((u.0.saturating_add(v.0) / 2, u.1.saturating_add(v.1) / 2), q));
			}
		}
	}
	out
}

/// Whether an edge of `a` properly crosses an edge of `b`.
fn any_crossing(a: &[P], b: &[P]) -> bool {
	edges(a).any(|(s, e)| edges(b).any(|(c, d)| proper_cross(s, e, c, d)))
}

/// Whether the interiors of two valid polygons intersect. Shared edges and vertices are
/// allowed: two parcels may touch.
///
/// The interiors intersect exactly when an edge of one properly crosses an edge of the other,
/// when two edges overlap along a stretch with both interiors on the same side (the same
/// direction, both polygons counter-clockwise), or when a piece of one's boundary runs through
/// the other's interior.
pub fn interiors_overlap(a: &[Point], b: &[Point]) -> bool {
	if !bbox(a).touches(&bbox(b)) {
		return false;
	}
	let (pa, pb) = (ccw(a), ccw(b));
	if any_crossing(&pa, &pb) {
		return true;
	}
	for (s, e) in edges(&pa) {
		for (c, d) in edges(&pb) {
			if !boxes_meet(s, e, c, d) {
				continue;
			}
			let collinear = orient(s, e, c) == 0 && orient(s, e, d) == 0;
			if collinear && dot(sub(e, s), sub(d, c)) > 0 {
				// Same direction: overlapping along a stretch of positive length?
				let dir = sub(e, s);
				let (u0, u1) = (dot(sub(c, s), dir), dot(sub(d, s), dir));
				if u0.max(0) < u1.min(dot(dir, dir)) {
					return true;
				}
			}
		}
	}
	pieces(&pa, &pb).contains(&Place::Inside) || pieces(&pb, &pa).contains(&Place::Inside)
}

/// Whether valid polygon `inner` lies within valid polygon `outer` (boundaries may share
/// edges): no edge crosses, no piece of `inner`'s boundary lies outside `outer`, and no piece
/// of `outer`'s boundary runs through `inner`'s interior.
pub fn contains(outer: &[Point], inner: &[Point]) -> bool {
	let (o, i) = (bbox(outer), bbox(inner));
	if i.min_lat < o.min_lat
		|| i.max_lat > o.max_lat
		|| i.min_lon < o.min_lon
		|| i.max_lon > o.max_lon
	{
		return false;
	}
	let (po, pi) = (ccw(outer), ccw(inner));
	!any_crossing(&po, &pi)
		&& !pieces(&pi, &po).contains(&Place::Outside)
		&& !pieces(&po, &pi).contains(&Place::Inside)
}

#[cfg(test)]
mod tests {
	use super::*;

	/// An axis-aligned rectangle, counter-clockwise, from its south-west corner.
	fn rect(lat: i32, lon: i32, h: i32, w: i32) -> alloc::vec::Vec<Point> {
		alloc::vec![
			Point::new(lat, lon),
			Point::new(lat, lon + w),
			Point::new(lat + h, lon + w),
			Point::new(lat + h, lon),
		]
	}

	#[test]
	fn polygons_are_checked() {
		assert_eq!(validate(&rect(0, 0, 10, 10)), Ok(()));
		assert_eq!(validate(&rect(0, 0, 10, 10)[..2]), Err(PolygonError::TooFewVertices));
		assert_eq!(validate(&rect(89_999_995, 0, 10, 10)), Err(PolygonError::OutOfRange));
		assert_eq!(validate(&rect(0, 179_999_995, 10, 10)), Err(PolygonError::OutOfRange));
		let mut repeated = rect(0, 0, 10, 10);
		repeated.insert(1, Point::new(0, 0));
		assert_eq!(validate(&repeated), Err(PolygonError::RepeatedVertex));
		let mut closed = rect(0, 0, 10, 10);
		closed.push(Point::new(0, 0));
		assert_eq!(validate(&closed), Err(PolygonError::RepeatedVertex));
		// A bow tie.
		let bow = [Point::new(0, 0), Point::new(10, 10), Point::new(10, 0), Point::new(0, 10)];
		assert_eq!(validate(&bow), Err(PolygonError::SelfIntersecting));
		// An edge that doubles back along the previous one.
		let back = [Point::new(0, 0), Point::new(0, 10), Point::new(0, 5), Point::new(5, 5)];
		assert_eq!(validate(&back), Err(PolygonError::SelfIntersecting));
		// A vertex touching a non-adjacent edge.
		let pinch = [
			Point::new(0, 0),
			Point::new(0, 10),
			Point::new(10, 10),
			Point::new(0, 5),
			Point::new(10, 0),
		];
		assert_eq!(validate(&pinch), Err(PolygonError::SelfIntersecting));
		let flat = [Point::new(0, 0), Point::new(0, 5), Point::new(0, 10)];
		assert_eq!(validate(&flat), Err(PolygonError::SelfIntersecting));
		// Clockwise is as good as counter-clockwise.
		let mut cw = rect(0, 0, 10, 10);
		cw.reverse();
		assert_eq!(validate(&cw), Ok(()));
	}

	#[test]
	fn the_area_is_close_to_the_true_area() {
		// 0.001° × 0.001° at the equator: 111.32 m × 110.574 m = 12 309.1 m².
		assert_eq!(area_m2(&rect(0, 0, 1_000, 1_000)), 12_309);
		// At Nanjing's latitude (32.06° N) the same square is narrower: × cos 32.06°.
		let a = area_m2(&rect(32_060_000, 118_790_000, 1_000, 1_000));
		let expected = 12_309.0 * (32.0605f64).to_radians().cos();
		assert!((a as f64 - expected).abs() < 2.0, "{a} vs {expected}");
		// An L-shaped parcel: three of four quarters.
		let l = [
			Point::new(0, 0),
			Point::new(0, 2_000),
			Point::new(1_000, 2_000),
			Point::new(1_000, 1_000),
			Point::new(2_000, 1_000),
			Point::new(2_000, 0),
		];
		assert_eq!(area_m2(&l), 3 * 12_309);
		assert_eq!(area2(&rect(0, 0, 10, 10)), 200);
	}

	#[test]
	fn overlaps_are_found_and_touching_is_allowed() {
		let a = rect(0, 0, 10, 10);
		// Overlapping corners; containment; the same parcel twice.
		assert!(interiors_overlap(&a, &rect(5, 5, 10, 10)));
		assert!(interiors_overlap(&a, &rect(2, 2, 2, 2)));
		assert!(interiors_overlap(&rect(2, 2, 2, 2), &a));
		assert!(interiors_overlap(&a, &a));
		let mut reversed = a.clone();
		reversed.reverse();
		assert!(interiors_overlap(&a, &reversed));
		// Sharing an edge, a part of an edge, or a corner: touching only.
		assert!(!interiors_overlap(&a, &rect(0, 10, 10, 10)));
		assert!(!interiors_overlap(&a, &rect(3, 10, 4, 10)));
		assert!(!interiors_overlap(&a, &rect(10, 10, 10, 10)));
		assert!(!interiors_overlap(&a, &rect(20, 20, 10, 10)));
		// Inside along a shared edge (the same side): overlap.
		assert!(interiors_overlap(&a, &rect(0, 0, 10, 5)));
		// A strip through the middle, crossing no edge properly (through the corners of a
		// diamond).
		let diamond = [Point::new(0, 5), Point::new(5, 10), Point::new(10, 5), Point::new(5, 0)];
		assert!(interiors_overlap(&diamond, &rect(4, 0, 2, 10)));
		// A triangle whose edge runs along a diagonal between the diamond's corners: the
		// diamond's two halves touch.
		let left = [Point::new(0, 5), Point::new(10, 5), Point::new(5, 0)];
		let right = [Point::new(0, 5), Point::new(5, 10), Point::new(10, 5)];
		assert!(!interiors_overlap(&left, &right));
		assert!(interiors_overlap(&left, &diamond));
		// A notch: a parcel in an L's corner touches it.
		let l = [
			Point::new(0, 0),
			Point::new(0, 20),
			Point::new(10, 20),
			Point::new(10, 10),
			Point::new(20, 10),
			Point::new(20, 0),
		];
		assert!(!interiors_overlap(&l, &rect(10, 10, 10, 10)));
		assert!(interiors_overlap(&l, &rect(9, 9, 10, 10)));
	}

	#[test]
	fn containment_allows_shared_edges() {
		let a = rect(0, 0, 10, 10);
		assert!(contains(&a, &rect(0, 0, 10, 5)), "the west half, sharing three edges");
		assert!(contains(&a, &rect(2, 2, 2, 2)));
		assert!(contains(&a, &a));
		assert!(!contains(&a, &rect(5, 5, 10, 10)), "sticks out");
		assert!(!contains(&rect(2, 2, 2, 2), &a));
		assert!(!contains(&a, &rect(0, 10, 10, 10)), "a neighbour");
		// Inside the box, outside the polygon: an L's missing quarter.
		let l = [
			Point::new(0, 0),
			Point::new(0, 20),
			Point::new(10, 20),
			Point::new(10, 10),
			Point::new(20, 10),
			Point::new(20, 0),
		];
		assert!(!contains(&l, &rect(10, 10, 10, 10)));
		assert!(!contains(&l, &rect(0, 0, 20, 20)));
		assert!(contains(&rect(0, 0, 20, 20), &l));
		assert!(contains(&l, &rect(0, 0, 10, 20)));
	}
}
