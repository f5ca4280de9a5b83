mod board;
mod cards;
mod columns;
mod harness;
mod journal;
mod people;
mod start;
mod workload;
