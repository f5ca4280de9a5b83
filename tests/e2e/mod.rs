mod board;
mod cards;
mod columns;
mod harness;
mod people;
mod start;
mod workload;
