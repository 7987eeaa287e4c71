// Conversation benchmark (issue 9): replays realistic people (card check facts +
// what they would answer; unanswerable questions are declined) and prints, per
// person and overall, how many questions come before the final diagnosis and
// whether it is right. Goal: every person right, mean <= 2 questions after the
// card check, never more than 3. All three are also asserted by a test
// (tests/engine/conversation.test.ts); a combined question (lifeEvents) counts as one.
import { loadRules } from '../src-main/engine';
import { PERSONS, converse } from '../tests/engine/conversationPersons';

const GOAL_MEAN = 2;
const GOAL_MAX = 3;
const rules = loadRules();
const rows = PERSONS.map((p) => converse(p, rules));
for (const c of rows) {
  console.log(`${c.right ? 'right' : 'WRONG'}  ${String(c.asked.length).padStart(2)} questions  ${c.person.name} -> ${c.final}${c.right ? '' : ` (expected ${c.person.expected})`}  [${c.asked.join(', ')}]`);
}
const counts = rows.map((c) => c.asked.length);
const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
const max = Math.max(...counts);
const right = rows.filter((c) => c.right).length;
console.log(`\npeople ${rows.length}, right ${right}/${rows.length}, questions mean ${mean.toFixed(2)} (goal <= ${GOAL_MEAN}), max ${max} (goal <= ${GOAL_MAX})`);
console.log(JSON.stringify({ bench: 'conversation', people: rows.length, right, meanQuestions: Number(mean.toFixed(2)), maxQuestions: max, goalMean: GOAL_MEAN, goalMax: GOAL_MAX, meetsGoal: right === rows.length && mean <= GOAL_MEAN && max <= GOAL_MAX }));
// A wrong diagnosis fails the bench; the counts are reported against the goal.
process.exit(right === rows.length ? 0 : 1);
