/** The product's pages, in sidebar order. The id is also the test-id suffix. */
export const PAGES = ['codes', 'add', 'time', 'admin', 'enrol', 'troubleshoot', 'settings'] as const;
export type PageId = (typeof PAGES)[number];
export type Navigate = (page: PageId) => void;
