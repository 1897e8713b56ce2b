/** A filter's options: the values found in the data, plus the current one (a shared link may name a quiet service). */
export const choicesWith = (values: string[], current: string | undefined) =>
  [...new Set([...values, ...(current ? [current] : [])])].map((value) => ({ value, label: value }));
