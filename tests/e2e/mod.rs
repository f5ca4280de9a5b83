mod board;
mod harness;
