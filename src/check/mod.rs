//! The check phase: what is learnt about a site by reading the pages a build rendered, before
//! they are published. [`origin`] carries each problem found there back to the template or
//! narrative that produced it.

pub mod origin;
pub mod sitecheck;
