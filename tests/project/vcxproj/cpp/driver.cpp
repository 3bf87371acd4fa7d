/* cpp/driver.cpp: a fixture source */
