mod board;
mod columns;
mod harness;
mod people;
mod start;
