// Where each kind of section sits in a return's task list: blocks are ordered by position,
// and the gaps leave room for the measures, contributions and missions of one kind.
export const POSITION = {
  organisation: 0,
  fundedMeasure: 100,
  otherContribution: 5_000,
  transversalMission: 8_000,
  declaration: 10_000,
};
