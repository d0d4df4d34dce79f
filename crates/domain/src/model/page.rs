//! One page of a list.

/// One page of a list and the size of the whole list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u32,
}

/// How many items come before page `page` (1-based) of `per_page` items:
/// saturating, so a page far past the end is past the end rather than a
/// wrapped (or, in debug builds, panicking) product
/// (docs/product.md#lists-and-paging).
pub fn page_offset(page: u32, per_page: u32) -> u32 {
    page.saturating_sub(1).saturating_mul(per_page)
}

#[cfg(test)]
mod tests {
    use super::page_offset;

    #[test]
    fn offsets_saturate() {
        assert_eq!(page_offset(1, 20), 0);
        assert_eq!(page_offset(0, 20), 0);
        assert_eq!(page_offset(3, 20), 40);
        assert_eq!(page_offset(42_949_674, 100), u32::MAX);
        assert_eq!(page_offset(u32::MAX, 100), u32::MAX);
    }
}
