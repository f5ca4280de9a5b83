mod board;
mod harness;
mod start;
