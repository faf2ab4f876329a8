// One page of a list as every paginated admin route answers it: the rows, how many match in all, and
// where this page starts. Lists never stop at a fixed number of rows; the client asks page by page.

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface PageRequest {
  limit: number;
  offset: number;
}
