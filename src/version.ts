// The product version, reported by agents and stamped into reports.
export const PALISADE_VERSION = '0.1.0';
