module ladder.lab/dnp3

go 1.21
