module ladder.lab/vnc

go 1.21
