/** A bucket of a time chart with its named values (null: nothing measured in that bucket). */
export interface TimePointData {
  bucket: string;
  values: Record<string, number | null>;
}
