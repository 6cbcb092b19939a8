//! The guest's allocator: a call's first allocations come from a region of the memory the
//! instance starts with, the rest from the standard allocator.
//!
//! The host gives every call a fresh instance and resets its memory afterwards. The standard
//! allocator of `wasm32` gets every byte by growing the memory, and each growth makes the
//! host change the protection of the new pages — then shrink them back for the next instance,
//! which interrupts every other core to flush its address translations (docs/benchmarks.md,
//! "Speed, third pass"). Allocations from [`ARENA_BYTES`] reserved in the module's static
//! memory need no growth. An instance lives for one call, so the region is bumped through and
//! never reused, except that the newest allocation may shrink, grow or be freed in place;
//! what does not fit goes to the standard allocator, which frees as usual. At most
//! [`ARENA_BYTES`] are ever set aside this way, whatever the call does.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Room for the allocations of a typical call: the input, its parsed form, the answer.
pub const ARENA_BYTES: usize = 256 << 10;

#[repr(C, align(16))]
struct Region(UnsafeCell<[u8; ARENA_BYTES]>);

// SAFETY: a guest has one thread; the region is handed out in disjoint pieces.
#[allow(unsafe_code)]
unsafe impl Sync for Region {}

static REGION: Region = Region(UnsafeCell::new([0; ARENA_BYTES]));
/// Bytes of the region handed out so far.
static USED: AtomicUsize = AtomicUsize::new(0);

/// The allocator a plugin built with this SDK uses on `wasm32` (see the module's docs).
pub struct CallArena;

impl CallArena {
    fn base() -> usize {
        REGION.0.get() as usize
    }

    /// The offset of `ptr` in the region, if it lies there.
    fn offset(ptr: *mut u8) -> Option<usize> {
        (ptr as usize)
            .checked_sub(Self::base())
            .filter(|&at| at < ARENA_BYTES)
    }

    /// `size` bytes at `align` from the region, if they fit.
    fn bump(size: usize, align: usize) -> Option<*mut u8> {
        let used = USED.load(Ordering::Relaxed);
        let start = (Self::base() + used).checked_next_multiple_of(align)? - Self::base();
        let end = start.checked_add(size).filter(|&end| end <= ARENA_BYTES)?;
        USED.store(end, Ordering::Relaxed);
        Some(REGION.0.get().cast::<u8>().wrapping_add(start))
    }

    /// True when the allocation at `offset` of `size` bytes is the newest one.
    fn is_newest(offset: usize, size: usize) -> bool {
        offset + size == USED.load(Ordering::Relaxed)
    }
}

// SAFETY: pieces of the region never overlap (each starts at or after `USED`, which only
// moves back to free the newest piece), are aligned as asked, and lie within the region;
// everything else is the standard allocator's.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for CallArena {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match Self::bump(layout.size(), layout.align()) {
            Some(ptr) => ptr,
            // SAFETY: the caller's layout, passed on.
            None => unsafe { System.alloc(layout) },
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        match Self::offset(ptr) {
            Some(at) if Self::is_newest(at, layout.size()) => USED.store(at, Ordering::Relaxed),
            Some(_) => {}
            // SAFETY: not from the region, so from the standard allocator with this layout.
            None => unsafe { System.dealloc(ptr, layout) },
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if let Some(at) = Self::offset(ptr)
            && Self::is_newest(at, layout.size())
            && at + new_size <= ARENA_BYTES
        {
            USED.store(at + new_size, Ordering::Relaxed);
            return ptr;
        }
        // SAFETY: as `GlobalAlloc::realloc` requires; the new layout is valid because the
        // caller guarantees `new_size` rounded to `layout.align()` does not overflow.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: the caller's layout.
        let new = unsafe { self.alloc(new_layout) };
        if !new.is_null() {
            // SAFETY: both are valid for the smaller size and do not overlap (the new piece
            // is either past `USED` or from the standard allocator).
            unsafe { std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size)) };
            // SAFETY: `ptr` was allocated with `layout`.
            unsafe { self.dealloc(ptr, layout) };
        }
        new
    }
}
