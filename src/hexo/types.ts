/** One planned file, relative to the posts dir. */
export interface PostFile {
  itemId: string;
  relPath: string;
  content: string;
}
