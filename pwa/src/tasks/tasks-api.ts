// My tasks as the server gives them (docs/plans.md): the tasks of action plans given to the
// signed-in person, whatever their role. Days are YYYY-MM-DD in the organisation's time zone;
// `done_at` is an hour, epoch seconds.
import { api } from '../api';

export interface MyTask {
  id: string;
  description: string;
  due_on: string;
  /** Its day has ended and it is still open. */
  late: boolean;
  done_at: number | null;
  case_title: string;
  /** What was decided, in the person's language when written in it. */
  outcome: string;
  /** The plan's date: the customers hear by then that it is done. */
  plan_due_on: string;
}

export interface MyTasks {
  now: number;
  open: MyTask[];
  /** The last 50 done. */
  done: MyTask[];
}

export function myTasks(): Promise<MyTasks> {
  return api<MyTasks>('GET', '/me/tasks');
}
