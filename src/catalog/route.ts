/** RSSHub routes as fetched and compared: one leading slash, no trailing slash (RSSHub redirects those). */
export const normalizeRoute = (route: string): string => '/' + route.trim().replace(/^\/+/, '').replace(/\/+$/, '');
