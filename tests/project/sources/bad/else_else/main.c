int main_c;
