mod board;
mod harness;
mod people;
mod start;
