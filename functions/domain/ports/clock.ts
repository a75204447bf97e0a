/** Time, as the application sees it. In AWS the system clock; locally it can be advanced. */
export interface Clock {
  now(): Date;
}
