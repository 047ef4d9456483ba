// The Projects section's elements: importing this module defines them and exports their classes (from
// the package through elements/index.ts). The browser bundle keeps it in a chunk of its own, which
// `projectsSection.load()` imports the first time the section is shown.
// The detail's Documents tab (<taba-document-list>) and Comments tab are defined by the detail itself.
export { TabaCommentThread } from '../taba-comment-thread/taba-comment-thread.js';
export { TabaProjectDetail } from '../taba-project-detail/taba-project-detail.js';
export { TabaProjectList } from '../taba-project-list/taba-project-list.js';
