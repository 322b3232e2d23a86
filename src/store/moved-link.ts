/**
 * The canonical link an updated item keeps, as one SQL expression for both engines: a canonical link
 * names one story, the one that had it first. An item whose feed edits its link onto another story's
 * keeps its own identity, shows the new link, and keeps its earlier canonical link.
 */
export const CANONICAL_ON_UPDATE = 'CASE WHEN EXISTS (SELECT 1 FROM items o WHERE o.canonical_link = @canonical AND o.id <> @id) THEN canonical_link ELSE @canonical END';
